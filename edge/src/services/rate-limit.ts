// Fixed-window rate limit in D1: one atomic upsert per hit, counted per bucket (e.g. a hashed client IP).
import type { Bindings } from '../env.js';
import { ApiError } from './errors.js';

export async function hit(d1: D1Database, bucket: string, limit: number, windowSeconds: number, now = Date.now()): Promise<void> {
  const window = Math.floor(now / 1000 / windowSeconds);
  const row = await d1
    .prepare(
      `INSERT INTO rate_limits (bucket, window, count) VALUES (?1, ?2, 1)
       ON CONFLICT (bucket, window) DO UPDATE SET count = count + 1 RETURNING count`,
    )
    .bind(bucket, window)
    .first<{ count: number }>();
  if ((row?.count ?? 0) > limit) {
    const retry = (window + 1) * windowSeconds - Math.floor(now / 1000);
    throw new ApiError(429, 'rate_limited', 'too many requests from this client; try again later', {
      'Retry-After': String(Math.max(1, retry)),
    });
  }
}

export function flagLimits(env: Bindings): { limit: number; window: number } {
  const limit = Number(env.FLAG_RATE_LIMIT);
  const window = Number(env.FLAG_RATE_WINDOW);
  return { limit: Number.isFinite(limit) && limit > 0 ? limit : 10, window: Number.isFinite(window) && window > 0 ? window : 600 };
}

/** Console sign-in attempts per client IP per window (SIGNIN_RATE_LIMIT, SIGNIN_RATE_WINDOW; default 10 per 600 s). */
export function signInLimits(env: Bindings): { limit: number; window: number } {
  const limit = Number(env.SIGNIN_RATE_LIMIT);
  const window = Number(env.SIGNIN_RATE_WINDOW);
  return { limit: Number.isFinite(limit) && limit > 0 ? limit : 10, window: Number.isFinite(window) && window > 0 ? window : 600 };
}
