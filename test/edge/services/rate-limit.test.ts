// The D1 rate limiter: fixed windows keyed by their start, Retry-After, and bounded pruning of ended windows.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../edge/src/services/errors.js';
import { hit, MAX_WINDOW_SECONDS, PRUNE_BATCH, pruneRateLimits } from '../../../edge/src/services/rate-limit.js';
import { uid } from '../helpers.js';

const rows = async (where = '1 = 1', ...args: unknown[]) =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM rate_limits WHERE ${where}`).bind(...args).first<{ n: number }>())!.n;

describe('rate limit', () => {
  it('allows `limit` hits a window, then 429 with the seconds left; the next window starts afresh', async () => {
    const bucket = uid('b');
    const t0 = Date.UTC(2026, 10, 25, 12, 0, 10); // 10 s into a 60 s window
    for (let i = 0; i < 3; i++) await hit(env.DB, bucket, 3, 60, t0);
    const err = await hit(env.DB, bucket, 3, 60, t0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(429);
    expect((err as ApiError).headers['Retry-After']).toBe('50');
    await hit(env.DB, bucket, 3, 60, t0 + 50_000);
    const row = await env.DB.prepare('SELECT window FROM rate_limits WHERE bucket = ? ORDER BY window DESC').bind(bucket).first<{ window: number }>();
    expect(row?.window).toBe((t0 + 50_000) / 1000 - 0); // the window's start, in Unix seconds
    await expect(hit(env.DB, bucket, 3, MAX_WINDOW_SECONDS + 1)).rejects.toThrow(/window/);
  });

  it('prunes ended windows a batch at a time as new windows open, keeping live ones', async () => {
    const now = Date.now();
    while ((await pruneRateLimits(env.DB, now)) > 0); // rows other tests of this file left behind
    const old = Math.floor(now / 1000) - MAX_WINDOW_SECONDS - 3600;
    const tag = uid('old');
    const stmt = env.DB.prepare('INSERT INTO rate_limits (bucket, window, count) VALUES (?, ?, 5)');
    await env.DB.batch(Array.from({ length: 250 }, (_, i) => stmt.bind(`${tag}-${i}`, old - i)));
    const live = uid('live');
    await hit(env.DB, live, 10, 600, now);
    expect(await rows('bucket LIKE ?', `${tag}-%`)).toBe(250 - PRUNE_BATCH);
    await hit(env.DB, live, 10, 600, now); // same window: no prune
    expect(await rows('bucket LIKE ?', `${tag}-%`)).toBe(250 - PRUNE_BATCH);
    await hit(env.DB, uid('other'), 10, 600, now);
    await hit(env.DB, uid('other'), 10, 600, now);
    expect(await rows('bucket LIKE ?', `${tag}-%`)).toBe(0);
    expect(await rows('bucket = ?', live)).toBe(1);
    expect(await pruneRateLimits(env.DB, now)).toBe(0);
    // a window of a day that has just ended is kept until a day after its start
    await env.DB.prepare('INSERT INTO rate_limits (bucket, window, count) VALUES (?, ?, 1)').bind(`${tag}-day`, Math.floor(now / 1000) - MAX_WINDOW_SECONDS + 5).run();
    expect(await pruneRateLimits(env.DB, now)).toBe(0);
    expect(await pruneRateLimits(env.DB, now + 10_000)).toBe(1);
  });
});
