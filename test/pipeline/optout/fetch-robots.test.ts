// fetch-signals' robots.txt and landing-page caches against a local server: the ai.txt rules (404/HTML: none and a stale
// copy removed; errors keep the copy), a large robots.txt kept in part, the fetch logs, page records kept across a failure.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FetchLog, PageSignals } from '../../../pipeline/catalog/index.js';
import { fetchSignals } from '../../../pipeline/optout/web-fetcher.js';

beforeAll(() => void vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1'));
afterAll(() => void vi.unstubAllEnvs());

let dir: string;
let server: Server;
let base: string;
/** host → path → [status, body, headers]; changed between runs. */
let sites: Record<string, Record<string, [number, string, Record<string, string>?]>> = {};

const opts = (now: string) => ({
  aiTxtDir: join(dir, 'ai'),
  tdmRepDir: join(dir, 'tdm'),
  robotsTxtDir: join(dir, 'robots'),
  pagesDir: join(dir, 'pages'),
  baseUrl: `${base}/{host}`,
  timeoutMs: 5000,
  now,
});
const log = async (sub: string) => FetchLog.parse(JSON.parse(await readFile(join(dir, sub, '.fetched.json'), 'utf8')));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-fetch-robots-'));
  server = createServer((req, res) => {
    const [, host = '', ...rest] = (req.url ?? '/').split('/');
    const hit = sites[host]?.[`/${rest.join('/')}`];
    if (!hit) return void res.writeHead(404).end('not found');
    res.writeHead(hit[0], { 'content-type': 'text/plain', ...hit[2] }).end(hit[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await mkdir(join(dir, 'robots'), { recursive: true });
  for (const h of ['gone.example.org', 'flaky.example.org']) await writeFile(join(dir, 'robots', `${h}.txt`), 'User-agent: *\nDisallow: /old\n');
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('robots.txt through fetch-signals', () => {
  it('saves a robots.txt, drops a stale copy on 404 or an HTML page, keeps it on an error, and logs each outcome', async () => {
    const huge = `User-agent: *\nAllow: /\n${'# filler line of a very long robots file\n'.repeat(80_000)}`;
    sites = {
      'ok.example.org': { '/robots.txt': [200, 'User-agent: GPTBot\nDisallow: /\n'] },
      'gone.example.org': {},
      'html.example.org': { '/robots.txt': [200, '<!DOCTYPE html><html><body>Welcome</body></html>', { 'content-type': 'text/html' }] },
      'flaky.example.org': { '/robots.txt': [503, 'later'] },
      'huge.example.org': { '/robots.txt': [200, huge] },
    };
    const pages = new Map(Object.keys(sites).map((h) => [h, [] as string[]]));
    const results = await fetchSignals(pages, opts('2026-11-20T09:00:00.000Z'));
    expect(Object.fromEntries(results.map((r) => [r.host, r.robotsTxt]))).toEqual({
      'flaky.example.org': 'error',
      'gone.example.org': 'none',
      'html.example.org': 'none',
      'huge.example.org': 'saved',
      'ok.example.org': 'saved',
    });
    expect(await readFile(join(dir, 'robots/ok.example.org.txt'), 'utf8')).toBe('User-agent: GPTBot\nDisallow: /\n');
    expect(existsSync(join(dir, 'robots/gone.example.org.txt'))).toBe(false);
    expect(existsSync(join(dir, 'robots/html.example.org.txt'))).toBe(false);
    expect(await readFile(join(dir, 'robots/flaky.example.org.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /old\n');
    expect((await readFile(join(dir, 'robots/huge.example.org.txt'))).length).toBe(2 * 1024 * 1024);
    expect(await log('robots')).toEqual({
      'flaky.example.org': { at: '2026-11-20T09:00:00.000Z', outcome: 'error', status: 503 },
      'gone.example.org': { at: '2026-11-20T09:00:00.000Z', outcome: 'none', status: 404 },
      'html.example.org': { at: '2026-11-20T09:00:00.000Z', outcome: 'none', status: 200 },
      'huge.example.org': { at: '2026-11-20T09:00:00.000Z', outcome: 'saved', status: 200 },
      'ok.example.org': { at: '2026-11-20T09:00:00.000Z', outcome: 'saved', status: 200 },
    });
    expect((await log('ai'))['ok.example.org']).toEqual({ at: '2026-11-20T09:00:00.000Z', outcome: 'none', status: 404 });

    // A later run over one host updates its entry and keeps the others'.
    sites['flaky.example.org'] = { '/robots.txt': [200, 'User-agent: *\nAllow: /\n'] };
    await fetchSignals(new Map([['flaky.example.org', []]]), opts('2026-11-21T09:00:00.000Z'));
    const after = await log('robots');
    expect(after['flaky.example.org']).toEqual({ at: '2026-11-21T09:00:00.000Z', outcome: 'saved', status: 200 });
    expect(after['ok.example.org']?.at).toBe('2026-11-20T09:00:00.000Z');
  });
});

describe('landing pages through fetch-signals --pages', () => {
  it('keeps each page’s robots meta tags and signal headers verbatim, and an earlier record when a page fails', async () => {
    const head = (meta: string) => `<html><head>${meta}</head><body></body></html>`;
    sites = {
      'pages.example.com': {
        '/a': [200, head('<meta name="robots" content="noai, noimageai"><meta name="ClearanceBot" content="noimageai"><meta name="GPTBot" content="noai">'), { 'content-type': 'text/html; charset=utf-8', 'x-robots-tag': 'noindex', 'content-usage': 'train-ai=n' }],
        '/b': [200, head(''), { 'content-type': 'text/html' }],
      },
    };
    const pages = new Map([['pages.example.com', ['https://pages.example.com/a', 'https://pages.example.com/b', 'https://pages.example.com/c']]]);
    const [r] = await fetchSignals(pages, opts('2026-11-20T09:00:00.000Z'));
    expect(r).toMatchObject({ pages: 3, refusingPages: 1 });
    const first = PageSignals.parse(JSON.parse(await readFile(join(dir, 'pages/pages.example.com.json'), 'utf8'))).pages;
    expect(first['https://pages.example.com/a']).toEqual({
      fetchedAt: '2026-11-20T09:00:00.000Z',
      status: 200,
      robots: ['noai, noimageai'],
      ours: ['noimageai'],
      headers: { 'x-robots-tag': 'noindex', 'content-usage': 'train-ai=n' },
    });
    expect(first['https://pages.example.com/c']).toMatchObject({ status: 404, robots: [] });

    // The server goes away for /a: its earlier record stays (dated), /b is read again.
    server.closeAllConnections();
    sites['pages.example.com']!['/a'] = [200, ''];
    const blocked = new Map([['pages.example.com', ['https://pages.example.com/b']]]);
    await fetchSignals(blocked, { ...opts('2026-11-22T09:00:00.000Z'), baseUrl: 'http://127.0.0.1:1/{host}' });
    const second = PageSignals.parse(JSON.parse(await readFile(join(dir, 'pages/pages.example.com.json'), 'utf8'))).pages;
    expect(Object.keys(second)).toEqual(['https://pages.example.com/b']);
    expect(second['https://pages.example.com/b']).toMatchObject({ fetchedAt: '2026-11-20T09:00:00.000Z', status: 200 });
  });
});
