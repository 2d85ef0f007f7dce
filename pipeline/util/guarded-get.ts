// HTTP(S) GET that refuses loopback, private, link-local and unique-local addresses on every hop (DESIGN "Fetching");
// CLEARANCE_FETCH_ALLOW_LOOPBACK=1 re-allows 127.0.0.0/8 and ::1 only. The check runs on the address actually connected.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

export interface GetOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  headers?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}

export interface GetResult {
  status: number;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

function v4(a: string): number[] {
  return a.split('.').map(Number);
}

/** Why an address may not be fetched, or undefined when it may. */
export function refusedAddress(address: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const allowLoopback = env.CLEARANCE_FETCH_ALLOW_LOOPBACK === '1';
  let a = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1]!;
  if (isIP(a) === 4) {
    const [x, y] = v4(a) as [number, number];
    if (x === 127) return allowLoopback ? undefined : 'loopback';
    if (x === 0) return 'unspecified';
    if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168)) return 'private';
    if (x === 169 && y === 254) return 'link-local';
    return undefined;
  }
  if (a === '::1') return allowLoopback ? undefined : 'loopback';
  if (a === '::') return 'unspecified';
  if (/^fe[89ab]/.test(a)) return 'link-local';
  if (/^f[cd]/.test(a)) return 'unique-local';
  return undefined;
}

function guardedLookup(env: NodeJS.ProcessEnv) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      for (const { address } of list) {
        const why = refusedAddress(address, env);
        if (why) return callback(Object.assign(new Error(`${hostname} resolves to ${why} address ${address} (refused)`), { code: 'EREFUSED_ADDRESS' }), '');
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function once(url: URL, o: Required<Pick<GetOptions, 'timeoutMs' | 'maxBytes'>> & GetOptions): Promise<{ res: IncomingMessage; body: Buffer }> {
  const env = o.env ?? process.env;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const why = refusedAddress(host, env);
    if (why) return Promise.reject(new Error(`${url.origin} is a ${why} address (refused; CLEARANCE_FETCH_ALLOW_LOOPBACK=1 allows 127.0.0.0/8 and ::1)`));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: o.headers, lookup: guardedLookup(env) as never, timeout: o.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          req.destroy(new Error(`GET ${url}: body over ${o.maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within ${o.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

export async function guardedGet(target: string, opts: GetOptions = {}): Promise<GetResult> {
  const o = { timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024, maxRedirects: 5, ...opts };
  let url = new URL(target);
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${url.href}: only http(s) URLs can be fetched`);
    const { res, body } = await once(url, o);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location) {
      if (hop >= o.maxRedirects) throw new Error(`GET ${target}: more than ${o.maxRedirects} redirects`);
      url = new URL(location, url);
      continue;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    return { status, url: url.href, headers, body };
  }
}
