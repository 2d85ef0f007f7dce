// Registry API client against a local server on 127.0.0.1: batching, API key, 429 with Retry-After, 5xx exhaustion, time-outs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mergeIntoSnapshot, queryRegistry, RegistryError, retryAfterMs } from '../../../pipeline/optout/registry-client.js';

// The servers below listen on 127.0.0.1: fetches refuse loopback unless this opt-in is set.
beforeAll(() => void vi.stubEnv('CLEARANCE_FETCH_ALLOW_LOOPBACK', '1'));
afterAll(() => void vi.unstubAllEnvs());

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

type Handler = (req: IncomingMessage, body: string, res: ServerResponse, n: number) => void;
async function serve(handler: Handler): Promise<{ endpoint: string; calls: { auth?: string; lines: number }[] }> {
  const calls: { auth?: string; lines: number }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      calls.push({ auth: req.headers.authorization, lines: body ? body.split('\n').length : 0 });
      handler(req, body, res, calls.length);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { endpoint: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/v2/query/urls/`, calls };
}

/** Answers like the API: every URL with optOut true when its path contains "/opt/". */
function answer(body: string, res: ServerResponse): void {
  const urls = body.split('\n').map((url) => ({ url, optOut: url.includes('/opt/') }));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ urls }));
}

const fast = { baseDelayMs: 10, maxDelayMs: 2_000 };

describe('queryRegistry', () => {
  it('splits 25,000 URLs into 3 requests of at most 10,000, with the API key, and collects opt-outs', async () => {
    const { endpoint, calls } = await serve((_, body, res) => answer(body, res));
    const urls = Array.from({ length: 25_000 }, (_, i) => `https://img${i % 7}.example.org/${i % 100 === 0 ? 'opt' : 'ok'}/${i}.jpg`);
    const progress: number[] = [];
    const r = await queryRegistry(urls, { endpoint, apiKey: 'k-123', ...fast, onBatch: (d) => progress.push(d) });
    expect(calls.map((c) => c.lines).sort((a, b) => b - a)).toEqual([10_000, 10_000, 5_000]);
    expect(calls.every((c) => c.auth === 'API k-123')).toBe(true);
    expect(r).toMatchObject({ checked: 25_000, requests: 3 });
    expect(r.optedOut).toHaveLength(250);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('waits as told by Retry-After on 429, then succeeds', async () => {
    const { endpoint, calls } = await serve((_, body, res, n) => (n === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : answer(body, res)));
    const start = Date.now();
    const r = await queryRegistry(['https://a.example.org/opt/1.jpg', 'https://a.example.org/ok/2.jpg'], { endpoint, apiKey: 'k', ...fast });
    expect(Date.now() - start).toBeGreaterThanOrEqual(950);
    expect(calls).toHaveLength(2);
    expect(r).toEqual({ optedOut: ['https://a.example.org/opt/1.jpg'], checked: 2, requests: 2 });
  });

  it('gives up after the retries when the server keeps failing with 5xx, backing off exponentially', async () => {
    const times: number[] = [];
    const { endpoint, calls } = await serve((_, __, res) => (times.push(Date.now()), res.writeHead(503).end()));
    await expect(queryRegistry(['https://a.example.org/1.jpg'], { endpoint, apiKey: 'k', maxRetries: 3, baseDelayMs: 100 })).rejects.toThrow(/failed after 4 attempts: HTTP 503/);
    expect(calls).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]! * 2);
  });

  it('times out a request that never answers, and retries it', async () => {
    const { endpoint, calls } = await serve(() => {
      /* never answers */
    });
    const err = await queryRegistry(['https://a.example.org/1.jpg'], { endpoint, apiKey: 'k', timeoutMs: 200, maxRetries: 1, ...fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as Error).message).toMatch(/failed after 2 attempts: timed out after 200 ms/);
    expect(calls).toHaveLength(2);
  });

  it('does not retry a refused key, and needs a key at all', async () => {
    const { endpoint, calls } = await serve((_, __, res) => res.writeHead(401).end());
    await expect(queryRegistry(['https://a.example.org/1.jpg'], { endpoint, apiKey: 'bad', ...fast })).rejects.toThrow(/HTTP 401 \(check CLEARANCE_DNT_API_KEY\)/);
    expect(calls).toHaveLength(1);
    const saved = process.env.CLEARANCE_DNT_API_KEY;
    delete process.env.CLEARANCE_DNT_API_KEY;
    await expect(queryRegistry(['x'], { endpoint })).rejects.toThrow(/set CLEARANCE_DNT_API_KEY/);
    if (saved !== undefined) process.env.CLEARANCE_DNT_API_KEY = saved;
  });
});

describe('helpers', () => {
  it('reads Retry-After in seconds and as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 25 Nov 2026 10:00:10 GMT', Date.parse('Wed, 25 Nov 2026 10:00:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('appends only new opt-outs to a snapshot', () => {
    const text = mergeIntoSnapshot('# snapshot\nhttps://a.example.org/1.jpg', ['https://a.example.org/1.jpg', 'https://b.example.org/2.jpg'], '2026-11-25');
    expect(text).toBe('# snapshot\nhttps://a.example.org/1.jpg\n# from the registry API, 2026-11-25\nhttps://b.example.org/2.jpg\n');
    expect(mergeIntoSnapshot(text, ['https://b.example.org/2.jpg'], 'x')).toBe(text);
  });
});
