// Gets an item's image bytes: a local file inside the release dir, a recorded response, or http(s) with limits.
import { statSync } from 'node:fs';
import type { DecisionCode } from '../catalog/index.js';
import { readRegular, readRegularSync, UnreadableFile } from '../util/read-regular.js';
import { FetchFailed, FetchRefused, FetchTooLarge, safeFetch } from '../util/safe-fetch.js';
import { LIMITS } from './limits.js';
import { resolveInside } from './path-safety.js';
import type { Recorded } from './recorded.js';

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

/** Through the one guarded client: special-purpose addresses refused on every hop, the byte limit enforced while reading. */
async function readNetwork(url: string, limits: FetchLimits): Promise<Fetched> {
  try {
    const res = await safeFetch(url, { timeoutMs: limits.fetchTimeoutMs, maxBytes: limits.maxBytes });
    if (res.status < 200 || res.status > 299) return { ok: false, code: 'image.fetch-failed', detail: `GET ${url}: HTTP ${res.status}${res.url !== url ? ` (from ${res.url})` : ''}` };
    return { ok: true, data: res.body, headers: res.headers, from: 'network' };
  } catch (err) {
    if (err instanceof FetchTooLarge) return { ok: false, code: 'image.too-large', detail: err.message };
    if (err instanceof FetchRefused) return { ok: false, code: 'image.fetch-failed', detail: `GET ${url}: ${err.message}` };
    return { ok: false, code: 'image.fetch-failed', detail: err instanceof FetchFailed ? err.message : `GET ${url}: ${(err as Error).message}` };
  }
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
