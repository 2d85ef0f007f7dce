// The built site's `_headers`: the gallery's security headers on every asset, and a site whose markup they allow.
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryHeaders } from '../../../site/src/lib/gallery-headers.js';
import { apiOrigin, headersFileText } from '../../../site/generator/headers-file.js';
import { buildFixtureSite, type FixtureSite } from '../build-fixture.js';

/** `_headers` as wrangler reads it: path lines, then indented `Name: value` lines. */
function parse(text: string): Record<string, Record<string, string>> {
  const rules: Record<string, Record<string, string>> = {};
  let path = '';
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules[(path = line.trim())] = {};
    else {
      const i = line.indexOf(':');
      rules[path]![line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
  }
  return rules;
}

describe('headersFileText', () => {
  it('gives every path the gallery headers in one rule', () => {
    const rules = parse(headersFileText());
    expect(Object.keys(rules)).toEqual(['/*']);
    expect(rules['/*']).toEqual(galleryHeaders());
  });

  it('lets the report form reach an API on another origin', () => {
    expect(apiOrigin('https://api.example.org/base/')).toBe('https://api.example.org');
    expect(apiOrigin('')).toBeUndefined();
    expect(apiOrigin('/v1')).toBeUndefined();
    expect(parse(headersFileText('https://api.example.org'))['/*']!['Content-Security-Policy']).toContain("connect-src 'self' https://api.example.org;");
  });
});

describe('a site built by clearance site', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await buildFixtureSite(6);
  });
  afterAll(() => rm(dirname(site.distDir), { recursive: true, force: true }));

  it('holds _headers, not counted as an asset', async () => {
    expect(parse(await readFile(join(site.distDir, '_headers'), 'utf8'))['/*']).toEqual(galleryHeaders());
    expect(site.stdout).not.toMatch(/\b_headers\b/);
  });

  it('has no inline script, style element or event handler for the CSP to block', async () => {
    const pages = (await readdir(site.distDir, { recursive: true })).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = await readFile(join(site.distDir, page), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, page).toMatch(/\ssrc="\/[^"]+"/);
      expect(html, page).not.toMatch(/<style\b/);
      for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
        const names = tag.replace(/"[^"]*"|'[^']*'/g, '""'); // attribute names only (values hold escaped text)
        expect(names, page).not.toMatch(/\son[a-z]+\s*=/i);
        expect(tag, page).not.toMatch(/\s(href|src|action)="\s*javascript:/i);
      }
    }
  });
});
