// `clearance fetch-signals` end to end against a local server standing in for several hosts, then the opt-out stage reading the filled cache.
import { createServer, type Server } from 'node:http';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Release } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { optoutStage } from '../../../pipeline/stages/optout.js';
import type { WorkItem } from '../../../pipeline/work/stage.js';
import { runInProcess } from '../../support/run-cli.js';

// The servers below listen on 127.0.0.1: fetches refuse loopback unless this opt-in is set.
beforeAll(() => void vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1'));
afterAll(() => void vi.unstubAllEnvs());

let dir: string;
let server: Server;
let port: number;
const hits: string[] = [];

/** What each emulated host serves, by path. */
const SITES: Record<string, Record<string, { status: number; body: string; type?: string; headers?: Record<string, string> }>> = {
  'images.example.org': { '/ai.txt': { status: 200, body: '# Spawning AI\nUser-Agent: *\nDisallow: *.jpg\nDisallow: *.png\n' } },
  'news.example.com': {
    '/ai.txt': { status: 200, type: 'text/html', body: '<!doctype html><html><title>Not found</title></html>' },
    '/.well-known/tdmrep.json': { status: 200, type: 'application/json', body: JSON.stringify([{ location: '/*', 'tdm-reservation': 1, 'tdm-policy': 'https://news.example.com/tdm' }]) },
  },
  'museum.example.net': {
    '/item/1': { status: 200, type: 'text/html', body: '<html><head><meta name="tdm-reservation" content="1"></head></html>' },
    '/item/2': { status: 200, type: 'text/html', body: '<html><head><title>open</title></head></html>' },
    '/item/3': { status: 200, type: 'text/html', body: '<html></html>', headers: { 'tdm-reservation': '1' } },
  },
  'flaky.example.org': { '/ai.txt': { status: 503, body: 'busy' } },
};

/** `clearance fetch-signals <args>` (in-process); rejects with the output when it exits non-zero. */
async function cli(...args: string[]) {
  const r = await runInProcess(['fetch-signals', ...args], { CLEARANCE_DNT_API_KEY: 'test-key' });
  if (r.code !== 0) throw Object.assign(new Error(`clearance fetch-signals exited ${r.code}`), r);
  return r;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-fetch-signals-'));
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    if (url === '/registry') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const urls = body.split('\n').map((u) => ({ url: u, optOut: u.includes('/photo/') }));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ urls }));
      });
      return;
    }
    const [, host, ...rest] = url.split('/');
    const page = SITES[host ?? '']?.['/' + rest.join('/')];
    if (!page) return void res.writeHead(404).end('not found');
    res.writeHead(page.status, { 'content-type': page.type ?? 'text/plain', ...page.headers }).end(page.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  const items = [
    { id: 'a', image: 'https://images.example.org/photo/a.jpg', licence: 'CC0' },
    { id: 'b', image: 'img/b.jpg', sourceUrl: 'https://news.example.com/story/1', licence: 'CC0' },
    { id: 'c', image: 'img/c.jpg', sourceUrl: 'https://museum.example.net/item/1', licence: 'CC0' },
    { id: 'd', image: 'img/d.jpg', sourceUrl: 'https://museum.example.net/item/2', licence: 'CC0' },
    { id: 'e', image: 'img/e.jpg', sourceUrl: 'https://museum.example.net/item/3', licence: 'CC0' },
    { id: 'f', image: 'img/f.jpg', sourceUrl: 'https://flaky.example.org/x', licence: 'CC0' },
    { id: 'g', image: 'img/g.jpg', sourceUrl: 'https://quiet.example.org/y', licence: 'CC0' },
  ];
  await writeFile(join(dir, 'items.jsonl'), items.map((i) => JSON.stringify(i)).join('\n') + '\n');
  await mkdir(join(dir, 'optout/ai-txt'), { recursive: true });
  await writeFile(join(dir, 'optout/ai-txt/quiet.example.org.txt'), 'User-Agent: *\nDisallow: /\n'); // stale: the site has no ai.txt any more
  await writeFile(join(dir, 'optout/ai-txt/flaky.example.org.txt'), 'User-Agent: *\nDisallow: /\n'); // kept: the site errored
  await writeFile(join(dir, 'optout/registry.txt'), '# snapshot\n');
  const release: Release = {
    name: 't',
    sources: [{ name: 's', adapter: 'manifest', path: 'items.jsonl' }],
    optOut: { registry: 'optout/registry.txt', aiTxt: 'optout/ai-txt', tdmRep: 'optout/tdmrep' },
  };
  await writeFile(join(dir, 'release.json'), JSON.stringify(release));
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('clearance fetch-signals', () => {
  it('fills the caches, refreshes the registry, and the opt-out stage then rejects the right items', async () => {
    const { stdout, stderr } = await cli(dir, '--pages', '--base-url', `http://127.0.0.1:${port}/{host}`, '--registry-url', `http://127.0.0.1:${port}/registry`, '--timeout', '5000');
    expect(stderr).toMatch(/7 items, 5 hosts, reading landing pages/);
    expect(stderr).toMatch(/\] museum\.example\.net: ai\.txt none, tdmrep\.json saved, 2 page\(s\) reserve TDM/);
    expect(stderr).toMatch(/\] flaky\.example\.org: ai\.txt error, tdmrep\.json none — HTTP 503 for \/ai\.txt/);
    expect(stdout).toMatch(/hosts 5: ai\.txt saved 1, none 3, errors 1; tdmrep\.json saved 2, none 3, errors 0/);
    expect(stdout).toMatch(/registry: 7 URLs checked in 1 request\(s\), 1 opted out/);
    expect(hits).toContain('/images.example.org/ai.txt');
    expect(hits).toContain('/news.example.com/.well-known/tdmrep.json');

    const aiDir = join(dir, 'optout/ai-txt');
    expect(await readFile(join(aiDir, 'images.example.org.txt'), 'utf8')).toMatch(/Disallow: \*\.jpg/);
    expect(existsSync(join(aiDir, 'news.example.com.txt'))).toBe(false); // an HTML page at /ai.txt is not an ai.txt
    expect(existsSync(join(aiDir, 'quiet.example.org.txt'))).toBe(false);
    expect(existsSync(join(aiDir, 'flaky.example.org.txt'))).toBe(true);
    const museum = JSON.parse(await readFile(join(dir, 'optout/tdmrep/museum.example.net.json'), 'utf8')) as { location: string }[];
    expect(museum.map((r) => r.location)).toEqual(['/item/1$', '/item/3$']);
    expect(await readFile(join(dir, 'optout/registry.txt'), 'utf8')).toMatch(/^# snapshot\n# from the registry API, .*\nhttps:\/\/images\.example\.org\/photo\/a\.jpg\n$/);

    const release = Release.parse(JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')));
    const stage = optoutStage();
    const c = { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'c'), join(dir, 'o')), concurrency: 1, now: '', log: () => {} };
    await stage.setup!(c);
    const lines = (await readFile(join(dir, 'items.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; image: string; sourceUrl?: string });
    const codes: Record<string, string[]> = {};
    for (const l of lines) {
      const w: WorkItem = { index: 0, id: `s:${l.id}`, source: release.sources[0]!, item: { id: `s:${l.id}`, foreignId: l.id, image: l.image, sourceUrl: l.sourceUrl, tags: [], metadataSha256: '' }, reasons: [], models: {} };
      await stage.process(w, c);
      codes[l.id] = w.reasons.map((r) => r.code);
    }
    expect(codes).toEqual({
      a: ['optout.registry', 'optout.ai-txt'],
      b: ['optout.tdm-rep'],
      c: ['optout.tdm-rep'],
      d: [],
      e: ['optout.tdm-rep'],
      f: ['optout.ai-txt'],
      g: [],
    });
  });

  it('explains what release.json lacks, and rejects a base URL without {host}', async () => {
    const bare = await mkdtemp(join(tmpdir(), 'clearance-fetch-signals-bare-'));
    await writeFile(join(bare, 'release.json'), JSON.stringify({ name: 'x', sources: [{ name: 's', adapter: 'manifest', path: 'i.jsonl' }] }));
    await expect(cli(bare)).rejects.toMatchObject({ stderr: expect.stringMatching(/needs "optOut": \{ "aiTxt"/) });
    await expect(cli(dir, '--base-url', 'http://127.0.0.1:1/')).rejects.toMatchObject({ stderr: expect.stringMatching(/must contain \{host\}/) });
    await rm(bare, { recursive: true, force: true });
  });
});
