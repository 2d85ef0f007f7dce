// Image stage against a real HTTP server on 127.0.0.1: headers kept, 404/time-out/size limits as codes, recorded responses, cache.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { tempDir, removeTempDirs } from '../support/cli.js';

// The servers below listen on 127.0.0.1: fetches refuse loopback unless this opt-in is set.
beforeAll(() => void vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1'));
afterAll(() => void vi.unstubAllEnvs());

let server: Server;
let base: string;
let root: string;
let jpeg: Buffer;

function ctxFor(release: StageContext['release'] = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'm' }] }): StageContext {
  return {
    releaseDir: join(root, 'release'),
    release,
    outDir: join(root, 'out'),
    cache: new Cache(join(root, 'cache')),
    files: new FileStore(join(root, 'cache', 'files'), join(root, 'out', 'files')),
    concurrency: 2,
    now: new Date().toISOString(),
    log: () => {},
  };
}

function work(image: string): WorkItem {
  return {
    index: 0,
    id: 's:1',
    source: { name: 's', adapter: 'manifest', path: 'm' },
    item: { id: 's:1', foreignId: '1', image, tags: [], metadataSha256: '0'.repeat(64) },
    reasons: [],
    models: {},
  };
}

beforeAll(async () => {
  root = await tempDir();
  await mkdir(join(root, 'release', 'fetched'), { recursive: true });
  jpeg = await drawImage({ format: 'jpeg', width: 320, height: 240, seed: 77, exifGps: true });
  server = createServer((req, res) => {
    if (req.url === '/ok.jpg') {
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'X-Robots-Tag': 'noai, noimageai', 'TDM-Reservation': '1' });
      return res.end(jpeg);
    }
    if (req.url === '/slow.jpg') return; // never answers
    if (req.url === '/big-declared.jpg') {
      res.writeHead(200, { 'Content-Length': String(50_000) });
      return res.end(Buffer.alloc(50_000));
    }
    if (req.url === '/big-chunked.jpg') {
      res.writeHead(200, { 'Content-Type': 'image/jpeg' });
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(5_000));
      return res.end();
    }
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

afterAll(removeTempDirs);

describe('image stage over http', () => {
  it('fetches, keeps lower-cased headers, bytes and embedded EXIF, and measures the image', async () => {
    const stage = imageStage();
    const ctx = ctxFor();
    await stage.setup?.(ctx);
    const w = work(`${base}/ok.jpg`);
    await stage.process(w, ctx);
    expect(w.reasons).toEqual([]);
    expect(w.image).toMatchObject({ width: 320, height: 240, format: 'jpeg', bytes: jpeg.length });
    expect(w.image!.headers!['x-robots-tag']).toBe('noai, noimageai');
    expect(w.image!.headers!['tdm-reservation']).toBe('1');
    expect(w.image!.data!.equals(jpeg)).toBe(true);
    expect(w.image!.exif!.length).toBeGreaterThan(0);
    expect(w.image!.phash).toMatch(/^[0-9a-f]{16}$/);

    const again = imageStage();
    await again.setup?.(ctx);
    const w2 = work(`${base}/ok.jpg`);
    await again.process(w2, ctx);
    expect(w2.image).toMatchObject({ sha256: w.image!.sha256, phash: w.image!.phash });
    expect(w2.image!.exif!.equals(w.image!.exif!)).toBe(true);
    expect(again.stats?.()).toMatchObject({ cached: 1, analysed: 0 });
  });

  it('turns 404, refused connections, time-outs and oversized bodies into codes', async () => {
    // a port that was free a moment ago refuses connections
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const stage = imageStage({ limits: { fetchTimeoutMs: 400, maxBytes: 20_000 } });
    const ctx = ctxFor();
    await stage.setup?.(ctx);
    const cases: [string, string, RegExp][] = [
      [`${base}/missing.jpg`, 'image.fetch-failed', /HTTP 404/],
      [`${base}/slow.jpg`, 'image.fetch-failed', /timed out/],
      [`${base}/big-declared.jpg`, 'image.too-large', /content-length 50000/],
      [`${base}/big-chunked.jpg`, 'image.too-large', /body over 20000/],
      [`http://127.0.0.1:${closedPort}/x.jpg`, 'image.fetch-failed', /ECONNREFUSED/],
      ['http://127.0.0.1:9/x.jpg', 'image.fetch-failed', /bad port/],
    ];
    for (const [url, code, detail] of cases) {
      const w = work(url);
      await stage.process(w, ctx);
      expect(w.reasons[0], url).toMatchObject({ code });
      expect(w.reasons[0]!.detail, url).toMatch(detail);
    }
  });

  it('answers from recorded responses before the network', async () => {
    const fetched = join(root, 'release', 'fetched');
    await writeFile(join(fetched, 'a.jpg'), jpeg);
    const lines = [
      { url: 'http://127.0.0.1:1/recorded.jpg', status: 200, headers: { 'X-Robots-Tag': 'noai' }, body: 'a.jpg' },
      { url: 'http://127.0.0.1:1/recorded-410.jpg', status: 410, headers: {} },
      { url: 'http://127.0.0.1:1/escape.jpg', status: 200, headers: {}, body: '../../secret.jpg' },
    ];
    await writeFile(join(fetched, 'index.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n'));
    const ctx = ctxFor({ name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'm' }], fetched: 'fetched' });
    const stage = imageStage();
    await stage.setup?.(ctx);
    const ok = work('http://127.0.0.1:1/recorded.jpg');
    await stage.process(ok, ctx);
    expect(ok.reasons).toEqual([]);
    expect(ok.image!.headers).toEqual({ 'x-robots-tag': 'noai' });
    const gone = work('http://127.0.0.1:1/recorded-410.jpg');
    await stage.process(gone, ctx);
    expect(gone.reasons[0]).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/HTTP 410 \(recorded\)/) });
    const escape = work('http://127.0.0.1:1/escape.jpg');
    await stage.process(escape, ctx);
    expect(escape.reasons[0]).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/leaves/) });
    expect(stage.stats?.()).toMatchObject({ recorded: 1, network: 0 });
  });
});
