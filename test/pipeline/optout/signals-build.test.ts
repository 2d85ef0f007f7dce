// End to end on 127.0.0.1: sites (emulated hosts, reached through --base-url) serve robots.txt, landing pages and
// signal headers; an image host (127.0.0.1 itself) serves its robots.txt and images with headers. `clearance
// fetch-signals --pages` fills the release's caches, `clearance build` then rejects every opted-out item with the
// right code and accepts every other, and writes the signal matrix (signals.jsonl, signal-sources.json, report.json).
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Release, SignalLine, SignalSources } from '../../../pipeline/catalog/index.js';
import { run as build } from '../../../pipeline/commands/build.js';
import { run as fetchSignals } from '../../../pipeline/commands/fetch-signals.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { clearanceSite } from '../../site/build-fixture.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../support/cli.js';

type Page = { status?: number; body?: string; type?: string; headers?: Record<string, string | string[]> };
const html = (head: string) => `<!doctype html><html><head><title>work</title>${head}</head><body><h1>A work</h1></body></html>`;
const meta = (name: string, content: string) => `<meta name="${name}" content="${content}">`;

/** Emulated hosts: path → response. `127.0.0.1` is the image host: its files are also served without the prefix. */
const SITES: Record<string, Record<string, Page>> = {
  'gallery.example.org': { '/robots.txt': { body: 'User-agent: GPTBot\nDisallow: /private/\n\nUser-agent: *\nAllow: /\n' } },
  'ours.example.org': { '/robots.txt': { body: 'User-agent: *\nDisallow: /\n' } },
  'welcome.example.org': { '/robots.txt': { body: 'User-agent: ClearanceBot\nAllow: /\n\nUser-agent: *\nDisallow: /\n' } },
  'aipref.example.net': { '/robots.txt': { body: 'User-Agent: *\nAllow: /\nContent-Usage: / train-ai=n\nContent-Usage: /open/ train-ai=y\n' } },
  'pages.example.com': {
    '/a': { body: html(meta('robots', 'noai, noimageai')) },
    '/b': { body: html(meta('robots', 'index, follow') + meta('ClearanceBot', 'noimageai')) },
    '/c': { body: html(''), headers: { 'x-robots-tag': 'noai' } },
    '/d': { body: html(''), headers: { 'content-usage': 'search=y, train-ai=n' } },
    '/e': { body: html(meta('robots', 'noindex') + meta('GPTBot', 'noai')) },
    '/f': { body: html(meta('tdm-reservation', '1')) },
    '/g': { status: 500, body: 'oops' },
  },
  'down.example.org': { '/robots.txt': { status: 503, body: 'busy' } },
  'forbidden.example.org': { '/robots.txt': { status: 403, body: 'no' } },
  'softhtml.example.org': { '/robots.txt': { type: 'text/html', body: '<!doctype html><html><body>Not found</body></html>' } },
  '127.0.0.1': {
    '/robots.txt': { body: 'User-agent: CCBot\nDisallow: /img/blocked/\n' },
    '/img/ok.jpg': {},
    '/img/blocked/a.jpg': {},
    '/img/cu.jpg': { headers: { 'content-usage': 'train-genai=n' } },
    '/img/tdm-twice.jpg': { headers: { 'tdm-reservation': ['1', '0'] } },
    '/img/xrt-spaces.jpg': { headers: { 'x-robots-tag': 'noai noindex' } },
    '/img/gptbot-only.jpg': { headers: { 'x-robots-tag': 'GPTBot: noai' } },
  },
};

/** Each item and the main code its decision must have. */
const ITEMS: [id: string, where: { sourceUrl?: string; image?: string }, code: string][] = [
  ['gallery-works', { sourceUrl: 'https://gallery.example.org/works/1' }, 'licence.cc0'],
  ['gallery-private', { sourceUrl: 'https://gallery.example.org/private/2' }, 'optout.robots-txt'],
  ['ours-star', { sourceUrl: 'https://ours.example.org/a' }, 'optout.robots-txt'],
  ['welcome-own-group', { sourceUrl: 'https://welcome.example.org/b' }, 'licence.cc0'],
  ['aipref-art', { sourceUrl: 'https://aipref.example.net/art/1' }, 'optout.content-usage'],
  ['aipref-open', { sourceUrl: 'https://aipref.example.net/open/2' }, 'licence.cc0'],
  ['meta-noai', { sourceUrl: 'https://pages.example.com/a' }, 'optout.robots-meta'],
  ['meta-clearancebot', { sourceUrl: 'https://pages.example.com/b' }, 'optout.robots-meta'],
  ['page-x-robots-tag', { sourceUrl: 'https://pages.example.com/c' }, 'optout.robots-meta'],
  ['page-content-usage', { sourceUrl: 'https://pages.example.com/d' }, 'optout.content-usage'],
  ['page-other-agent', { sourceUrl: 'https://pages.example.com/e' }, 'licence.cc0'],
  ['page-tdm-meta', { sourceUrl: 'https://pages.example.com/f' }, 'optout.tdm-rep'],
  ['page-error', { sourceUrl: 'https://pages.example.com/g' }, 'licence.cc0'],
  ['robots-unreachable', { sourceUrl: 'https://down.example.org/x' }, 'optout.robots-txt'],
  ['robots-forbidden', { sourceUrl: 'https://forbidden.example.org/y' }, 'licence.cc0'],
  ['robots-html', { sourceUrl: 'https://softhtml.example.org/z' }, 'licence.cc0'],
  ['cdn-ok', { image: '/img/ok.jpg' }, 'licence.cc0'],
  ['cdn-robots', { image: '/img/blocked/a.jpg' }, 'optout.robots-txt'],
  ['cdn-content-usage', { image: '/img/cu.jpg' }, 'optout.content-usage'],
  ['cdn-tdm-twice', { image: '/img/tdm-twice.jpg' }, 'optout.tdm-rep'],
  ['cdn-x-robots-spaces', { image: '/img/xrt-spaces.jpg' }, 'optout.robots-header'],
  ['cdn-other-agent', { image: '/img/gptbot-only.jpg' }, 'licence.cc0'],
];

let dir: string;
let server: Server;
let base: string;
let decisions: Map<string, DecisionLine>;
let signals: Map<string, SignalLine>;
let fetchOut = '';
const images = new Map<string, Buffer>();

beforeAll(async () => {
  vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1');
  vi.stubEnv('CLEARANCE_SAFETY', 'off');
  dir = await tempDir('clearance-signals-build-');
  let seed = 31_000;
  for (const path of Object.keys(SITES['127.0.0.1']!).filter((p) => p.startsWith('/img/'))) images.set(path, await drawImage({ format: 'jpeg', width: 160, height: 120, seed: seed++ }));
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    const [, first = '', ...rest] = url.split('/');
    const site = SITES[first] ? first : '127.0.0.1';
    const path = SITES[first] ? `/${rest.join('/')}` : url;
    // A site's other pages are plain landing pages; its well-known files exist only where listed.
    const wellKnown = /^\/(robots\.txt|ai\.txt|\.well-known\/)/.test(path) || site === '127.0.0.1';
    const page = SITES[site]![path] ?? (wellKnown ? undefined : { body: html('') });
    if (!page) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.statusCode = page.status ?? 200;
    res.setHeader('content-type', page.type ?? (images.has(path) ? 'image/jpeg' : path.endsWith('.txt') ? 'text/plain' : 'text/html'));
    for (const [k, v] of Object.entries(page.headers ?? {})) res.setHeader(k, v);
    res.end(images.get(path) ?? page.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  await mkdir(join(dir, 'images'));
  const lines: string[] = [];
  for (const [id, where] of ITEMS) {
    const image = where.image ? `${base}${where.image}` : `images/${id}.jpg`;
    if (!where.image) await writeFile(join(dir, image), await drawImage({ format: 'jpeg', width: 160, height: 120, seed: seed++ }));
    lines.push(JSON.stringify({ id, image, title: id, licence: 'https://creativecommons.org/publicdomain/zero/1.0/', ...(where.sourceUrl ? { sourceUrl: where.sourceUrl } : {}) }));
  }
  await writeFile(join(dir, 'items.jsonl'), `${lines.join('\n')}\n`);
  const release: Release = {
    name: 'signals-e2e',
    sources: [{ name: 's', adapter: 'manifest', path: 'items.jsonl' }],
    optOut: { aiTxt: 'optout/ai-txt', tdmRep: 'optout/tdmrep', robotsTxt: 'optout/robots-txt', pages: 'optout/pages' },
  };
  await writeFile(join(dir, 'release.json'), JSON.stringify(release, null, 2));

  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (fetchOut += `${a.join(' ')}\n`));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (fetchOut += `${a.join(' ')}\n`));
  try {
    expect(await fetchSignals([dir, '--pages', '--base-url', `${base}/{host}`, '--timeout', '5000'])).toBe(0);
    expect(await build([dir, '--out', join(dir, 'out'), '--quiet', '--concurrency', '2'])).toBe(0);
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  decisions = new Map((await readJsonl<DecisionLine>(join(dir, 'out/decisions.jsonl'))).map((d) => [d.id, d]));
  signals = new Map((await readJsonl<SignalLine>(join(dir, 'out/signals.jsonl'))).map((l) => [l.id, l]));
}, 120_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((r) => server.close(r));
  await removeTempDirs();
});

describe('clearance build on a release whose hosts serve robots.txt, landing pages and headers from 127.0.0.1', () => {
  it('fetch-signals reports what each host gave', () => {
    expect(fetchOut).toMatch(/\] down\.example\.org: ai\.txt none, robots\.txt error, tdmrep\.json none — HTTP 503 for \/robots\.txt/);
    expect(fetchOut).toMatch(/\] pages\.example\.com: ai\.txt none, robots\.txt none, tdmrep\.json saved, 1 page\(s\) reserve TDM, 4 page\(s\) refuse AI use/);
    expect(fetchOut).toMatch(/\] softhtml\.example\.org: ai\.txt none, robots\.txt none,/);
    expect(fetchOut).toMatch(/robots\.txt saved 5, none 2, errors 2; pages 16, refusing AI use 4/);
  });

  it('rejects every opted-out item with the right code and accepts every other', () => {
    const got = Object.fromEntries(ITEMS.map(([id]) => [id, decisions.get(`s:${id}`)?.reasons[0]?.code]));
    expect(got).toEqual(Object.fromEntries(ITEMS.map(([id, , code]) => [id, code])));
  });

  it('names the agent and the rule, the preference, the tag', () => {
    const detail = (id: string) => decisions.get(`s:${id}`)!.reasons[0]!.detail;
    expect(detail('gallery-private')).toBe('gallery.example.org robots.txt disallows AI-training crawlers on /private/2: GPTBot: Disallow: /private/ (line 2)');
    expect(detail('ours-star')).toBe('ours.example.org robots.txt disallows AI-training crawlers on /a: ClearanceBot (by User-agent: *): Disallow: / (line 2)');
    expect(detail('cdn-robots')).toBe('127.0.0.1 robots.txt disallows AI-training crawlers on /img/blocked/a.jpg: CCBot: Disallow: /img/blocked/ (line 2)');
    expect(detail('aipref-art')).toBe('aipref.example.net robots.txt Content-Usage: / train-ai=n (line 3) refuses train-ai=n for /art/1');
    expect(detail('robots-unreachable')).toMatch(/^down\.example\.org: robots\.txt unreachable when fetched on \d{4}-\d\d-\d\d \(HTTP 503\): complete disallow \(RFC 9309 §2\.3\.1\.4\)$/);
    expect(detail('meta-clearancebot')).toBe('landing page https://pages.example.com/b: <meta name="ClearanceBot" content="noimageai">');
    expect(detail('page-x-robots-tag')).toBe('landing page https://pages.example.com/c: page response header X-Robots-Tag: noai');
    expect(detail('page-content-usage')).toBe('landing page https://pages.example.com/d response header Content-Usage: search=y, train-ai=n (refuses train-ai=n)');
    expect(detail('cdn-content-usage')).toBe('image response header Content-Usage: train-genai=n (refuses train-genai=n)');
    expect(detail('cdn-tdm-twice')).toBe('image response tdm-reservation: 1, 0 header');
  });

  it('writes the signal matrix: a line per decision, what each signal said, from which snapshot and when', async () => {
    expect([...signals.keys()]).toEqual([...decisions.keys()]);
    const sources = JSON.parse(await readFile(join(dir, 'out/signal-sources.json'), 'utf8')) as SignalSources;
    const at = sources['robots-txt:gallery.example.org']!;
    expect(at).toMatchObject({ file: 'optout/robots-txt/gallery.example.org.txt', fetch: 'saved', status: 200 });
    expect(Date.parse(at.fetchedAt!)).toBeGreaterThan(Date.now() - 600_000);
    expect(sources['robots-txt:down.example.org']).toMatchObject({ file: null, fetch: 'error', status: 503 });
    expect(sources['robots-meta:pages.example.com']).toMatchObject({ file: 'optout/pages/pages.example.com.json', fetch: 'saved' });

    const works = signals.get('s:gallery-works')!.checks;
    expect(works).toEqual(
      expect.arrayContaining([
        ['robots-txt', 'gallery.example.org', 'allowed'],
        ['ai-txt', 'gallery.example.org', 'silent'],
        ['robots-meta', 'page:gallery.example.org', 'silent'],
        ['embedded', 'image', 'silent'],
      ]),
    );
    expect(signals.get('s:page-other-agent')!.checks).toContainEqual(['robots-meta', 'page:pages.example.com', 'allowed', 'robots: noindex']);
    expect(signals.get('s:page-error')!.checks).toContainEqual(['robots-meta', 'page:pages.example.com', 'unknown', 'HTTP 500']);
    expect(signals.get('s:robots-forbidden')!.checks).toContainEqual(['robots-txt', 'forbidden.example.org', 'unknown']);
    expect(signals.get('s:cdn-other-agent')!.checks).toContainEqual(['robots-header', 'image', 'allowed', 'X-Robots-Tag: GPTBot: noai']);
    // A rejected item's matrix shows the refusal and stops where the stages stopped (no image fetched, no image rows).
    const refused = signals.get('s:gallery-private')!.checks;
    expect(refused).toContainEqual(['robots-txt', 'gallery.example.org', 'refused', '/private/2: GPTBot: Disallow: /private/ (line 2)']);
    expect(refused.some((c) => c[1] === 'image')).toBe(false);

    const report = JSON.parse(await readFile(join(dir, 'out/report.json'), 'utf8'));
    expect(report.signals).toEqual({ matrix: 'signals.jsonl', sources: 'signal-sources.json' });
    expect(report.stats.optout.matrix['robots-txt']).toMatchObject({ refused: 4 });
    expect(report.stats['content-signals'].matrix['content-usage']).toMatchObject({ refused: 1 });
    expect(await readFile(join(dir, 'out/report.html'), 'utf8')).toMatch(/Opt-out signals checked/);
  });

  it('shows an accepted item\'s matrix on its page of the gallery (`clearance site`)', async () => {
    await clearanceSite(join(dir, 'out'), join(dir, 'dist'));
    const page = await readFile(join(dir, 'dist/item/s/cdn-other-agent/index.html'), 'utf8');
    const rows = [...page.matchAll(/<tr data-signal="([^"]+)" data-said="([^"]+)">(.*?)<\/tr>/g)].map((m) => [m[1], m[2], m[3]!.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|')]);
    expect(rows.length).toBe(signals.get('s:cdn-other-agent')!.checks.length);
    expect(rows).toContainEqual(['robots-txt', 'allowed', expect.stringMatching(/^\|robots\.txt rules for AI crawlers\|127\.0\.0\.1\|optout\/robots-txt\/127\.0\.0\.1\.txt, fetched \d{4}-\d\d-\d\d\|Present, no opt-out\|$/)]);
    expect(rows).toContainEqual(['robots-header', 'allowed', '|X-Robots-Tag header|the image’s response|the image as this release fetched it|Present, no opt-out: X-Robots-Tag: GPTBot: noai|']);
  }, 180_000);
});
