// Gets an item's image bytes: a local file inside the release dir, a recorded response, or http(s) with limits.
import { statSync } from 'node:fs';
import type { DecisionCode } from '../catalog/index.js';
import { readRegular, readRegularSync, UnreadableFile } from '../util/read-regular.js';
import { LIMITS } from './limits.js';
import { resolveInside } from './path-safety.js';
import { lowerHeaders, type Recorded } from './recorded.js';

/** Files up to this size are read with synchronous calls. */
const SYNC_READ_MAX = 4 * 1024 * 1024;

export interface FetchLimits {
  maxBytes: number;
  fetchTimeoutMs: number;
}

export type Fetched =
  | { ok: true; data: Buffer; headers?: Record<string, string>; from: 'file' | 'recorded' | 'network' }
  | { ok: false; code: DecisionCode; detail: string };

export function isHttpUrl(ref: string): boolean {
  return /^https?:\/\//i.test(ref);
}

/** Refusals of paths outside the release are `input.invalid` (the manifest line is wrong); a missing file is
 *  `image.fetch-failed`, and so is a FIFO, device or directory (checked before opening: nothing blocks). */
async function readLocal(root: string, ref: string, label: string, limits: FetchLimits): Promise<Fetched> {
  const r = await resolveInside(root, ref);
  if (!r.ok) return { ok: false, code: r.missing ? 'image.fetch-failed' : 'input.invalid', detail: r.detail };
  try {
    // Small files are read synchronously: cheaper than four thread-pool round trips queued behind sharp.
    const small = statSync(r.path).size <= SYNC_READ_MAX;
    const opts = { maxBytes: limits.maxBytes };
    return { ok: true, data: small ? readRegularSync(r.path, opts) : await readRegular(r.path, opts), from: 'file' };
  } catch (err) {
    if (err instanceof UnreadableFile) {
      const detail = err.message.replace(r.path, `${label} ${ref}`);
      return { ok: false, code: err.code === 'EFBIG' ? 'image.too-large' : 'image.fetch-failed', detail };
    }
    return { ok: false, code: 'image.fetch-failed', detail: `cannot read ${label} ${ref}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

async function readNetwork(url: string, limits: FetchLimits): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(limits.fetchTimeoutMs), redirect: 'follow' });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `timed out after ${limits.fetchTimeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, code: 'image.fetch-failed', detail: `GET ${url}: ${why}` };
  }
  const headers = lowerHeaders(res.headers.entries());
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, code: 'image.fetch-failed', detail: `GET ${url}: HTTP ${res.status}` };
  }
  const declared = Number(headers['content-length'] ?? NaN);
  if (declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, code: 'image.too-large', detail: `GET ${url}: content-length ${declared} over ${limits.maxBytes}` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of (res.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > limits.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        return { ok: false, code: 'image.too-large', detail: `GET ${url}: body over ${limits.maxBytes} bytes` };
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (err) {
    return { ok: false, code: 'image.fetch-failed', detail: `GET ${url}: ${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}` };
  }
  return { ok: true, data: Buffer.concat(chunks), headers, from: 'network' };
}

export async function fetchImage(ref: string, releaseDir: string, recorded: Recorded, limits: FetchLimits = LIMITS): Promise<Fetched> {
  if (!isHttpUrl(ref)) return readLocal(releaseDir, ref, 'image', limits);
  const rec = recorded.byUrl.get(ref);
  if (!rec) return readNetwork(ref, limits);
  if (rec.status < 200 || rec.status > 299) return { ok: false, code: 'image.fetch-failed', detail: `GET ${ref}: HTTP ${rec.status} (recorded)` };
  if (!rec.body) return { ok: false, code: 'image.fetch-failed', detail: `GET ${ref}: recorded response has no body file` };
  const local = await readLocal(recorded.dir, rec.body, 'recorded body', limits);
  if (!local.ok) return { ...local, code: local.code === 'image.too-large' ? local.code : 'image.fetch-failed', detail: `GET ${ref}: ${local.detail}` };
  return { ok: true, data: local.data, headers: rec.headers, from: 'recorded' };
}
