// Fixed-window rate limit in D1: one atomic upsert per hit, counted per bucket (e.g. a hashed client key); windows
// that ended long ago are pruned a few at a time as new ones open, so the table holds little more than the live ones.
import type { Bindings } from '../types/env.js';
import { ApiError } from './errors.js';

/** Longest window a limit may use, and how long rows are kept (seconds). */
export const MAX_WINDOW_SECONDS = 86_400;
/** Rows deleted at most by one prune (it runs when a bucket opens a new window). */
export const PRUNE_BATCH = 100;

const UPSERT = `INSERT INTO rate_limits (bucket, window, count) VALUES (?1, ?2, 1)
  ON CONFLICT (bucket, window) DO UPDATE SET count = count + 1 RETURNING count`;
const PRUNE = 'DELETE FROM rate_limits WHERE rowid IN (SELECT rowid FROM rate_limits WHERE window < ?1 LIMIT ?2)';

/**
 * Counts one hit of `bucket` in the current window of `windowSeconds` and throws 429 (with Retry-After) past `limit`.
 * The row's `window` is the window's start in Unix seconds, so rows of every limit compare by age.
 */
export async function hit(d1: D1Database, bucket: string, limit: number, windowSeconds: number, now = Date.now()): Promise<void> {
  if (!(windowSeconds > 0 && windowSeconds <= MAX_WINDOW_SECONDS)) throw new Error(`rate-limit window must be 1..${MAX_WINDOW_SECONDS} s`);
  const nowSeconds = Math.floor(now / 1000);
  const start = Math.floor(nowSeconds / windowSeconds) * windowSeconds;
  const row = await d1.prepare(UPSERT).bind(bucket, start).first<{ count: number }>();
  const count = row?.count ?? 0;
  if (count === 1) await pruneRateLimits(d1, now);
  if (count > limit) {
    throw new ApiError(429, 'rate_limited', 'too many requests from this client; try again later', {
      'Retry-After': String(Math.max(1, start + windowSeconds - nowSeconds)),
    });
  }
}

/** Deletes up to PRUNE_BATCH rows of windows that started more than MAX_WINDOW_SECONDS ago (all of them have ended). */
export async function pruneRateLimits(d1: D1Database, now = Date.now(), batch = PRUNE_BATCH): Promise<number> {
  const res = await d1.prepare(PRUNE).bind(Math.floor(now / 1000) - MAX_WINDOW_SECONDS, batch).run();
  return res.meta.changes ?? 0;
}

export function flagLimits(env: Bindings): { limit: number; window: number } {
  const limit = Number(env.FLAG_RATE_LIMIT);
  const window = Number(env.FLAG_RATE_WINDOW);
  return {
    limit: Number.isFinite(limit) && limit > 0 ? limit : 10,
    window: Number.isFinite(window) && window > 0 ? Math.min(Math.floor(window) || 1, MAX_WINDOW_SECONDS) : 600,
  };
}

/** Console sign-in attempts per client IP per window (SIGNIN_RATE_LIMIT, SIGNIN_RATE_WINDOW; default 10 per 600 s). */
export function signInLimits(env: Bindings): { limit: number; window: number } {
  const limit = Number(env.SIGNIN_RATE_LIMIT);
  const window = Number(env.SIGNIN_RATE_WINDOW);
  return { limit: Number.isFinite(limit) && limit > 0 ? limit : 10, window: Number.isFinite(window) && window > 0 ? window : 600 };
}
