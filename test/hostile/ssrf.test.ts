// SSRF: the address classifier, and the one fetch client against servers on 127.0.0.1 with and without the loopback opt-in, through redirects, DNS and body limits.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../pipeline/runner/run-build.js';
import { queryRegistry } from '../../pipeline/optout/registry-client.js';
import { fetchHostSignals } from '../../pipeline/optout/web-fetcher.js';
import { classifyAddress, refusal } from '../../pipeline/util/address-class.js';
import { FetchRefused, FetchTooLarge, safeFetch, type Resolver } from '../../pipeline/util/safe-fetch.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { writeRelease } from './support/release.js';
import { drawImage } from '../../pipeline/sample/draw.js';

const T = { timeout: 30_000 };
let server: Server;
let port: number;
let hits = 0;
let jpeg: Buffer;

const routes: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'),
  '/image.jpg': (res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg),
  '/to-private': (res) => res.writeHead(302, { location: 'http://10.0.0.1/x' }).end(),
  '/to-metadata': (res) => res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  '/to-mapped': (res) => res.writeHead(307, { location: 'http://[::ffff:10.0.0.1]/' }).end(),
  '/to-mapped-loopback': (res) => res.writeHead(308, { location: `http://[::ffff:127.0.0.1]:${port}/ok` }).end(),
  '/to-file': (res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/to-hex-loopback': (res) => res.writeHead(302, { location: `http://0x7f.1:${port}/ok` }).end(),
  '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
  '/endless': (res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 1);
    const pump = () => {
      while (res.write(chunk)) if (res.destroyed) return;
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  },
  '/declared-huge': (res) => res.writeHead(200, { 'content-length': String(10 * 1024 ** 3) }).flushHeaders(),
  '/gzip-bomb': (res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(64 * 1024 * 1024))),
};

beforeAll(async () => {
  vi.stubEnv('CLEARANCE_SAFETY', 'off');
  jpeg = await drawImage({ format: 'jpeg', width: 200, height: 160, seed: 1601 });
  server = createServer((req, res) => {
    hits++;
    (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterEach(() => vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', ''));
afterAll(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await removeTempDirs();
});

const local = (path: string) => `http://127.0.0.1:${port}${path}`;
const allowLoopback = () => vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1');
const get = (url: string, extra: Partial<Parameters<typeof safeFetch>[1]> = {}) => safeFetch(url, { timeoutMs: 10_000, maxBytes: 1024 * 1024, ...extra });

describe('hostile input: the address classifier', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'this-network'],
    ['0.1.2.3', 'this-network'],
    ['100.64.0.1', 'shared/CGNAT'],
    ['100.127.255.255', 'shared/CGNAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.2.1', 'documentation'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:81b::200e', 'public'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'scoped'],
    ['fd00::1', 'unique-local'],
    ['fc12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'site-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'IPv4-mapped'],
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'IPv4-mapped'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'IETF protocol assignments'],
    ['2002:a00:1::', '6to4'],
    ['100::1', 'discard-only'],
    ['4000::1', 'not global unicast'],
  ])('%s → %s', (ip, kind) => {
    expect(classifyAddress(ip)?.kind.startsWith(kind)).toBe(true);
    expect(refusal(ip, false) === undefined).toBe(kind === 'public');
  });

  it('the loopback opt-in re-allows 127.0.0.0/8 and ::1 only', () => {
    for (const ip of ['127.0.0.1', '127.9.9.9', '::1']) expect(refusal(ip, true)).toBeUndefined();
    for (const ip of ['::ffff:127.0.0.1', '0.0.0.0', '10.0.0.1', '169.254.169.254', 'fe80::1', '::']) expect(refusal(ip, true)).toBeDefined();
    expect(refusal('127.0.0.1', false)).toMatch(/CLEARANCE_FETCH_ALLOW_LOOPBACK=1/);
  });

  it('decimal, octal, hex and short IPv4 host forms are IP literals after URL parsing, and are refused without a connection', T, async () => {
    const forms: [string, string][] = [
      ['2130706433', '127.0.0.1'],
      ['0x7f000001', '127.0.0.1'],
      ['0177.0.0.1', '127.0.0.1'],
      ['0x7f.1', '127.0.0.1'],
      ['127.1', '127.0.0.1'],
      ['017700000001', '127.0.0.1'],
      ['0xa.0.0.1', '10.0.0.1'],
      ['3232235777', '192.168.1.1'],
      ['0', '0.0.0.0'],
      ['[::ffff:7f00:1]', '[::ffff:7f00:1]'],
      ['[0:0:0:0:0:ffff:127.0.0.1]', '[::ffff:7f00:1]'],
    ];
    for (const [form, host] of forms) {
      const url = `http://${form}:${port}/ok`;
      expect(new URL(url).hostname).toBe(host);
      await expect(get(url), form).rejects.toBeInstanceOf(FetchRefused);
    }
  });
});

describe('hostile input: SSRF through the fetch client', () => {
  it('refuses 127.0.0.1 and localhost (after DNS) without the opt-in, before the server sees a request', T, async () => {
    const before = hits;
    await expect(get(local('/ok'))).rejects.toThrow(/refused: 127\.0\.0\.1 is a loopback .*CLEARANCE_FETCH_ALLOW_LOOPBACK=1/);
    await expect(get(`http://localhost:${port}/ok`)).rejects.toThrow(/refused: localhost resolves only to refused addresses/);
    await expect(get(`http://[::1]:${port}/ok`)).rejects.toBeInstanceOf(FetchRefused);
    expect(hits).toBe(before);
  });

  it('with CLEARANCE_FETCH_ALLOW_LOOPBACK=1 a local server answers, by IP and by name', T, async () => {
    allowLoopback();
    expect((await get(local('/ok'))).body.toString()).toBe('hello');
    expect((await get(`http://localhost:${port}/ok`)).status).toBe(200);
  });

  it('checks every redirect hop: private, metadata, mapped and non-http targets are refused; a hex loopback form is loopback', T, async () => {
    allowLoopback();
    await expect(get(local('/to-private'))).rejects.toThrow(/refused: 10\.0\.0\.1 is a private/);
    await expect(get(local('/to-metadata'))).rejects.toThrow(/refused: 169\.254\.169\.254 is a link-local/);
    await expect(get(local('/to-mapped'))).rejects.toThrow(/refused: ::ffff:a00:1 is an IPv4-mapped/);
    await expect(get(local('/to-mapped-loopback'))).rejects.toThrow(/IPv4-mapped/);
    await expect(get(local('/to-file'))).rejects.toThrow(/not an http\(s\) URL/);
    expect((await get(local('/to-hex-loopback'))).body.toString()).toBe('hello');
    await expect(get(local('/loop'))).rejects.toThrow(/more than 5 redirects/);
  });

  it('a name is checked after resolution and the connection uses the checked address (no rebinding gap)', T, async () => {
    allowLoopback();
    const resolver: Resolver = (host, _family, cb) => {
      const table: Record<string, string[]> = { 'rebind.test': ['10.0.0.7'], 'mixed.test': ['10.0.0.7', '169.254.169.254', '127.0.0.1'], 'v6.test': ['fd00::7'] };
      cb(null, (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    };
    await expect(get(`http://rebind.test:${port}/ok`, { resolve: resolver })).rejects.toThrow(/rebind\.test resolves only to refused addresses: 10\.0\.0\.7 is a private/);
    await expect(get(`http://v6.test:${port}/ok`, { resolve: resolver })).rejects.toThrow(/unique-local/);
    expect((await get(`http://mixed.test:${port}/ok`, { resolve: resolver })).body.toString()).toBe('hello'); // only 127.0.0.1 was dialled
    vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '');
    await expect(get(`http://mixed.test:${port}/ok`, { resolve: resolver })).rejects.toBeInstanceOf(FetchRefused);
  });

  it('enforces the byte limit while reading: an endless body, a declared 10 GiB and a gzip bomb stop at the limit', T, async () => {
    allowLoopback();
    await expect(get(local('/endless'))).rejects.toThrow(/body over 1048576 bytes/);
    await expect(get(local('/declared-huge'))).rejects.toThrow(/content-length 10737418240 over/);
    await expect(get(local('/gzip-bomb'))).rejects.toBeInstanceOf(FetchTooLarge);
  });
});

describe('hostile input: SSRF through the pipeline', () => {
  it('image URLs to loopback (no opt-in), and redirects to private addresses (opt-in), are image.fetch-failed; a fine one is fetched', T, async () => {
    const dir = join(await tempDir(), 'release');
    await writeRelease(dir, [
      { id: 'loopback', image: local('/image.jpg') },
      { id: 'decimal', image: `http://2130706433:${port}/image.jpg` },
      { id: 'metadata', image: 'http://169.254.169.254/latest/meta-data/iam' },
    ]);
    const out1 = join(dir, '..', 'out1');
    await runBuild({ releaseDir: dir, out: out1, log: () => {} });
    for (const d of await readJsonl<DecisionLine>(join(out1, 'decisions.jsonl'))) expect(d.reasons[0], d.id).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/refused/) });

    allowLoopback();
    await writeRelease(dir, [
      { id: 'fine', image: local('/image.jpg') },
      { id: 'to-private', image: local('/to-private') },
      { id: 'to-metadata', image: local('/to-metadata') },
    ]);
    const out2 = join(dir, '..', 'out2');
    await runBuild({ releaseDir: dir, out: out2, log: () => {} });
    const by = Object.fromEntries((await readJsonl<DecisionLine>(join(out2, 'decisions.jsonl'))).map((d) => [d.id, d.reasons[0]!]));
    expect(by['m:fine']?.code).toBe('licence.cc0');
    expect(by['m:to-private']).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/refused: 10\.0\.0\.1/) });
    expect(by['m:to-metadata']).toMatchObject({ code: 'image.fetch-failed', detail: expect.stringMatching(/refused: 169\.254\.169\.254/) });
  });

  it('fetch-signals and the registry client go through the same checks', T, async () => {
    const dir = await tempDir();
    const r = await fetchHostSignals('example.org', [], { aiTxtDir: join(dir, 'ai'), tdmRepDir: join(dir, 'tdm'), baseUrl: `http://127.0.0.1:${port}/{host}`, timeoutMs: 5000 });
    expect(r.errors.join('\n')).toMatch(/refused: 127\.0\.0\.1 is a loopback/);
    await expect(queryRegistry(['https://a.example.org/x.jpg'], { endpoint: local('/registry'), apiKey: 'k', maxRetries: 0 })).rejects.toThrow(/refused: 127\.0\.0\.1/);
    await expect(queryRegistry(['https://a.example.org/x.jpg'], { endpoint: 'http://[fd00::1]/api', apiKey: 'k', maxRetries: 0 })).rejects.toThrow(/unique-local/);
  });
});
