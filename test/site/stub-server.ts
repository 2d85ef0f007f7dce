// A local stand-in for the Worker: serves a built site from disk, implements POST /v1/flags and GET /v1/withdrawn.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
};
const REASONS = new Set(['objectionable', 'infringing', 'privacy', 'other']);

export interface Flag {
  itemId: string;
  reason: string;
  note?: string;
}

export interface StubServer {
  origin: string;
  flags: Flag[];
  /** Item page paths GET /v1/withdrawn reports as withdrawn. */
  withdrawn: Set<string>;
  /** When set, GET /v1/withdrawn answers this status (an outage) instead. */
  withdrawnStatus?: number;
  close(): Promise<void>;
}

export async function startStubServer(distDir: string): Promise<StubServer> {
  const flags: Flag[] = [];
  const withdrawn = new Set<string>();
  let stub: StubServer;
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/v1/flags') {
      if (req.method !== 'POST') return json(405, { error: { code: 'method_not_allowed', message: 'POST only' } });
      let raw = '';
      for await (const chunk of req) raw += chunk;
      let body: Partial<Flag>;
      try {
        body = JSON.parse(raw) as Partial<Flag>;
      } catch {
        return json(400, { error: { code: 'invalid_json', message: 'body is not JSON' } });
      }
      if (typeof body.itemId !== 'string' || !REASONS.has(String(body.reason))) {
        return json(400, { error: { code: 'invalid_request', message: 'itemId and a known reason are required' } });
      }
      if (body.note === 'rate-limit-me') return json(429, { error: { code: 'rate_limited', message: 'Too many reports, slow down' } });
      flags.push({ itemId: body.itemId, reason: body.reason!, ...(body.note ? { note: body.note } : {}) });
      return json(201, { id: `flag-${flags.length}` });
    }
    if (url.pathname === '/v1/withdrawn') {
      if (stub.withdrawnStatus) return json(stub.withdrawnStatus, { error: { code: 'unavailable', message: 'stub outage' } });
      const ids = url.searchParams.getAll('id');
      const paths = url.searchParams.getAll('path');
      if (ids.length + paths.length === 0 || ids.length + paths.length > 100) return json(400, { error: { code: 'invalid_request', message: '1 to 100 ids and paths' } });
      return json(200, { ids: [], paths: paths.filter((p) => withdrawn.has(p)) });
    }
    let path = normalize(join(distDir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(distDir)) return json(403, { error: { code: 'forbidden', message: 'outside the site' } });
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      await stat(path);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stub = {
    origin: `http://127.0.0.1:${port}`,
    flags,
    withdrawn,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return stub;
}
