// HTTP client for a Do Not Train registry API of the shape Spawning's uses: batched POSTs of URLs, API key, retries with backoff, timeouts.
import { FetchFailed, FetchRefused, FetchTooLarge, safeFetch } from '../util/safe-fetch.js';
import { USER_AGENT } from './agent.js';
import { dntApiKey, dntApiUrl } from '../util/config.js';

/** Spawning's public endpoint; override with CLEARANCE_DNT_API_URL or the `endpoint` option (tests use 127.0.0.1). */
const DEFAULT_REGISTRY_ENDPOINT = 'https://opts-api.spawningaiapi.com/api/v2/query/urls/';
const API_KEY_ENV = 'CLEARANCE_DNT_API_KEY';
const MAX_BATCH = 10_000;
/** An answer for 10,000 URLs is a few MiB. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface RegistryClientOptions {
  endpoint?: string;
  apiKey?: string;
  /** URLs per request, at most 10,000 (the API's limit). */
  batchSize?: number;
  /** Retries after the first attempt, for 429, 5xx, network errors and time-outs. */
  maxRetries?: number;
  /** Per-request time-out. */
  timeoutMs?: number;
  /** First backoff delay; doubles each retry (±20% jitter), capped at maxDelayMs. Retry-After wins when sent. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  concurrency?: number;
  onBatch?: (done: number, total: number) => void;
}

export class RegistryError extends Error {}

export interface RegistryResult {
  /** URLs the registry says are opted out. */
  optedOut: string[];
  checked: number;
  requests: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After as milliseconds (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function postBatch(urls: string[], o: Required<Omit<RegistryClientOptions, 'onBatch'>>): Promise<{ optedOut: string[]; attempts: number }> {
  let lastError = '';
  for (let attempt = 0; attempt <= o.maxRetries; attempt++) {
    let wait: number | undefined;
    try {
      const res = await safeFetch(o.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `API ${o.apiKey}`, 'user-agent': USER_AGENT },
        body: urls.join('\n'),
        timeoutMs: o.timeoutMs,
        maxBytes: MAX_RESPONSE_BYTES,
      });
      if (res.status >= 200 && res.status <= 299) {
        let json: { urls?: { url?: unknown; optOut?: unknown }[] };
        try {
          json = JSON.parse(res.body.toString('utf8')) as typeof json;
        } catch {
          throw new RegistryError('registry answered with something that is not JSON');
        }
        if (!Array.isArray(json.urls)) throw new RegistryError(`registry answered without a "urls" array`);
        return { optedOut: json.urls.filter((u) => u.optOut === true && typeof u.url === 'string').map((u) => u.url as string), attempts: attempt + 1 };
      }
      lastError = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) throw new RegistryError(`registry refused the request: HTTP ${res.status}${res.status === 401 || res.status === 403 ? ` (check ${API_KEY_ENV})` : ''}`);
      wait = retryAfterMs(res.headers['retry-after'] ?? null);
    } catch (err) {
      if (err instanceof RegistryError) throw err;
      if (err instanceof FetchRefused || err instanceof FetchTooLarge) throw new RegistryError(err.message);
      lastError = err instanceof FetchFailed ? err.message.replace(/^POST \S+: /, '') : (err as Error).message;
    }
    if (attempt < o.maxRetries) {
      const backoff = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** attempt) * (0.8 + Math.random() * 0.4);
      await sleep(Math.min(o.maxDelayMs, wait ?? backoff));
    }
  }
  throw new RegistryError(`registry request failed after ${o.maxRetries + 1} attempts: ${lastError}`);
}

/** Asks the registry about every URL (in batches, a few at a time); throws RegistryError when it cannot get an answer. */
export async function queryRegistry(urls: string[], opts: RegistryClientOptions = {}): Promise<RegistryResult> {
  const apiKey = opts.apiKey ?? dntApiKey();
  if (!apiKey) throw new RegistryError(`no registry API key: set ${API_KEY_ENV}`);
  const o = {
    endpoint: opts.endpoint ?? dntApiUrl() ?? DEFAULT_REGISTRY_ENDPOINT,
    apiKey,
    batchSize: Math.max(1, Math.min(MAX_BATCH, opts.batchSize ?? MAX_BATCH)),
    maxRetries: opts.maxRetries ?? 5,
    timeoutMs: opts.timeoutMs ?? 20_000,
    baseDelayMs: opts.baseDelayMs ?? 500,
    maxDelayMs: opts.maxDelayMs ?? 30_000,
    concurrency: Math.max(1, opts.concurrency ?? 2),
  };
  const batches: string[][] = [];
  for (let i = 0; i < urls.length; i += o.batchSize) batches.push(urls.slice(i, i + o.batchSize));
  const optedOut: string[] = [];
  let next = 0;
  let done = 0;
  let requests = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const r = await postBatch(batch, o);
      optedOut.push(...r.optedOut);
      requests += r.attempts;
      opts.onBatch?.(++done, batches.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, batches.length) }, worker));
  return { optedOut: [...new Set(optedOut)].sort(), checked: urls.length, requests };
}

/** The snapshot text with newly opted-out URLs appended under a dated comment (existing lines kept as they are). */
export function mergeIntoSnapshot(existing: string, optedOut: string[], when: string): string {
  const have = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  const fresh = optedOut.filter((u) => !have.has(u));
  if (!fresh.length) return existing;
  const head = existing && !existing.endsWith('\n') ? `${existing}\n` : existing;
  return `${head}# from the registry API, ${when}\n${fresh.join('\n')}\n`;
}
