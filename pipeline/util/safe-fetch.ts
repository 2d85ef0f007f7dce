// The one http(s) client for untrusted URLs (images, opt-out signals, the registry): special-purpose addresses refused after DNS on every hop, bodies capped while read.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch } from 'undici';
import { loopbackAllowed, refusal } from './address-class.js';

/** The connection was refused before it was made: a special-purpose address, a non-http(s) redirect. */
export class FetchRefused extends Error {}
/** The body (declared or read) is larger than the caller's limit. */
export class FetchTooLarge extends Error {}
/** Network error, time-out, too many redirects. */
export class FetchFailed extends Error {}

/** Resolves a host name to its addresses (DNS by default; tests map names to local addresses). */
export type Resolver = (hostname: string, family: number, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export interface SafeFetchOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Whole fetch, every hop and the body included. */
  timeoutMs: number;
  /** Bodies larger than this throw FetchTooLarge (checked against content-length, then while reading). */
  maxBytes: number;
  /** Instead of throwing, keep the first maxBytes of a larger body (robots.txt parsers stop at a limit; meta tags sit at the top of a page). */
  truncate?: boolean;
  /** Redirects followed (default 5; POSTs follow none: a 3xx is returned as it is). */
  maxRedirects?: number;
  resolve?: Resolver;
}

export interface SafeResponse {
  /** The URL that answered (after redirects). */
  url: string;
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The body of a 2xx answer; empty for other statuses (not read). */
  body: Buffer;
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const dnsResolver: Resolver = (hostname, family, cb) => dnsLookup(hostname, { all: true, family }, cb);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls.connect that keeps only allowed addresses: the socket connects to what was checked (no rebinding gap). */
function guardedLookup(resolve: Resolver = dnsResolver, allowLoopback?: boolean) {
  return (hostname: string, options: { family?: number | string; all?: boolean } | LookupCallback, callback?: LookupCallback): void => {
    const cb = (typeof options === 'function' ? options : callback)!;
    const opts = typeof options === 'function' ? {} : options;
    const family = opts.family === 'IPv4' || opts.family === 4 ? 4 : opts.family === 'IPv6' || opts.family === 6 ? 6 : 0;
    resolve(hostname, family, (err, addresses) => {
      if (err) return cb(err, opts.all ? [] : '');
      const ok = addresses.filter((a) => !refusal(a.address, allowLoopback ?? loopbackAllowed()));
      if (!ok.length) {
        const why = addresses.length ? refusal(addresses[0]!.address, allowLoopback ?? loopbackAllowed()) : 'no address';
        return cb(Object.assign(new FetchRefused(`refused: ${hostname} resolves only to refused addresses: ${why}`), { code: 'ECLEARANCEREFUSED' }), opts.all ? [] : '');
      }
      if (opts.all) cb(null, ok);
      else cb(null, ok[0]!.address, ok[0]!.family);
    });
  };
}

const agents = new Map<string, Agent>();

function agentFor(resolve: Resolver | undefined): { agent: Agent; own: boolean } {
  if (resolve) return { agent: new Agent({ connect: { lookup: guardedLookup(resolve) } }), own: true };
  // Pooled connections were checked under one setting of the loopback opt-in: keep one pool per setting.
  const key = loopbackAllowed() ? 'loopback' : 'public';
  let agent = agents.get(key);
  if (!agent) agents.set(key, (agent = new Agent({ connect: { lookup: guardedLookup(dnsResolver) }, keepAliveTimeout: 4_000 })));
  return { agent, own: false };
}

/** The innermost cause of a fetch error that says why. */
function causeOf(err: unknown): Error {
  let e = err as Error & { cause?: unknown };
  for (let i = 0; i < 5 && e.cause instanceof Error; i++) e = e.cause as Error & { cause?: unknown };
  return e;
}

async function readCapped(res: Awaited<ReturnType<typeof fetch>>, url: string, maxBytes: number, truncate = false): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes && !truncate) {
    await res.body?.cancel().catch(() => undefined);
    throw new FetchTooLarge(`GET ${url}: content-length ${declared} over ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes && truncate) {
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength - (total - maxBytes)));
      await reader.cancel().catch(() => undefined);
      return Buffer.concat(chunks, maxBytes);
    }
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FetchTooLarge(`GET ${url}: body over ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/**
 * Fetches `url` following at most `maxRedirects` redirects by hand: every hop must be http(s), an IP literal is
 * checked before connecting, a host name after resolution (inside the connection, which then uses the checked
 * address). Throws FetchRefused, FetchTooLarge or FetchFailed with a one-line message.
 */
export async function safeFetch(url: string, opts: SafeFetchOptions): Promise<SafeResponse> {
  const method = opts.method ?? 'GET';
  const maxRedirects = opts.maxRedirects ?? (method === 'GET' ? DEFAULT_MAX_REDIRECTS : 0);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const { agent, own } = agentFor(opts.resolve);
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      let parsed: URL;
      try {
        parsed = new URL(current);
      } catch {
        throw new FetchFailed(`${method} ${current}: not a valid URL`);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new FetchRefused(`refused: ${current} is not an http(s) URL`);
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host)) {
        const why = refusal(host);
        if (why) throw new FetchRefused(`refused: ${why}`);
      }
      let res: Awaited<ReturnType<typeof fetch>>;
      try {
        res = await fetch(parsed, { method, headers: opts.headers, body: method === 'GET' ? undefined : opts.body, redirect: 'manual', signal, dispatcher: agent });
      } catch (err) {
        const cause = causeOf(err);
        if (cause instanceof FetchRefused) throw cause;
        const why = cause.name === 'TimeoutError' || (err as Error).name === 'TimeoutError' ? `timed out after ${opts.timeoutMs} ms` : ((cause as NodeJS.ErrnoException).code ?? cause.message);
        throw new FetchFailed(`${method} ${current}: ${why}`);
      }
      const location = res.headers.get('location');
      if (REDIRECTS.has(res.status) && location && maxRedirects > 0) {
        await res.body?.cancel().catch(() => undefined);
        if (hop >= maxRedirects) throw new FetchFailed(`${method} ${url}: more than ${maxRedirects} redirects`);
        current = new URL(location, parsed).href;
        continue;
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => undefined);
        return { url: current, status: res.status, headers, body: Buffer.alloc(0) };
      }
      try {
        return { url: current, status: res.status, headers, body: await readCapped(res, current, opts.maxBytes, opts.truncate) };
      } catch (err) {
        if (err instanceof FetchTooLarge) throw err;
        const cause = causeOf(err);
        throw new FetchFailed(`${method} ${current}: ${cause.name === 'TimeoutError' || signal.aborted ? `timed out after ${opts.timeoutMs} ms` : cause.message}`);
      }
    }
  } finally {
    if (own) await agent.close().catch(() => undefined);
  }
}
