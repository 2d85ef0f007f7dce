// The page layout: title and description escaped, the content inserted as built, the scripts each kind of page runs.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DESCRIPTION, pageLayout, type PageAssets } from '../../../site/src/layouts/page.js';
import { html } from '../../../site/src/render/html.js';

const assets: PageAssets = { css: '/_assets/site.A.css', safety: '/_assets/safety.B.js', item: '/_assets/item.C.js', search: '/_assets/search.D.js' };
const scripts = (page: string) => [...page.matchAll(/<script type="module" src="([^"]+)"><\/script>/g)].map((m) => m[1]);

describe('pageLayout', () => {
  it('escapes the title and description and inserts the main content once, inside <main>', () => {
    const page = pageLayout('list', assets)({ title: '<b>"T"</b>', description: 'a & b', main: html`<p>${'<i>'}</p>` });
    expect(page).toContain('<title>&lt;b&gt;&quot;T&quot;&lt;/b&gt; · Clearance</title>');
    expect(page).toContain('<meta name="description" content="a &amp; b">');
    expect(page).toMatch(/<main id="main">\s*<p>&lt;i&gt;<\/p>\s*<\/main>/);
    expect(page).toContain('<link rel="stylesheet" href="/_assets/site.A.css">');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(pageLayout('list', assets)({ title: 't', main: html`` })).toContain(`content="${DEFAULT_DESCRIPTION}"`);
  });

  it('gives gallery pages the safety control and item and search pages their own script; about pages neither', () => {
    const fill = (kind: Parameters<typeof pageLayout>[0]) => pageLayout(kind, assets)({ title: 't', main: html`` });
    expect(scripts(fill('list'))).toEqual([assets.safety]);
    expect(scripts(fill('item'))).toEqual([assets.safety, assets.item]);
    expect(scripts(fill('search'))).toEqual([assets.safety, assets.search]);
    expect(scripts(fill('plain'))).toEqual([]);
    expect(fill('plain')).not.toContain('data-safety-form');
    expect(fill('list')).toContain('data-testid="safety-threshold"');
  });
});
