// Items and metered downloads: listing, streaming with ETag/Range, charge-once, exact quota under concurrency, 451.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, call, expectError, newAccount, newPlan, seedItem, usage } from '../helpers.js';

describe('items', () => {
  it('lists live items with a cursor and hides withdrawn ones', async () => {
    const seeded = [await seedItem(), await seedItem(), await seedItem(), await seedItem({ status: 'withdrawn' })];
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: Response = await call(`/v1/items?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { id: string }[]; cursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.cursor;
      if (!cursor) break;
    }
    for (const s of seeded.slice(0, 3)) expect(seen).toContain(s.id);
    expect(seen).not.toContain(seeded[3]!.id);
    expect(new Set(seen).size).toBe(seen.length);
    await expectError(await call('/v1/items?limit=0'), 400, 'invalid_request');
    await expectError(await call('/v1/items?limit=abc'), 400);
    await expectError(await call('/v1/items?cursor=%%%'), 400);
  });

  it('gets one item: 200, 404 unknown, 451 withdrawn', async () => {
    const item = await seedItem({ priceMicros: 5000, rightsHolder: 'RH' });
    const res = await call(`/v1/items/${encodeURIComponent(item.id)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { item: Record<string, unknown> };
    expect(body.item).toMatchObject({ id: item.id, sha256: item.sha, priceMicros: 5000, rightsHolder: 'RH', bytes: 2048 });
    expect(JSON.stringify(body)).not.toContain('original/');
    await expectError(await call('/v1/items/test:nope'), 404, 'not_found');
    const gone = await seedItem({ status: 'withdrawn' });
    await expectError(await call(`/v1/items/${gone.id}`), 451, 'withdrawn');
  });
});

describe('download', () => {
  it('handles ids with slashes, spaces and unicode when URL-encoded', async () => {
    const acct = await newAccount();
    const item = await seedItem({ id: `wikimedia:File:Ç a/b ${Date.now()}.jpg` });
    const enc = encodeURIComponent(item.id);
    const meta = await call(`/v1/items/${enc}`);
    expect(((await meta.json()) as { item: { id: string; downloadUrl: string } }).item).toMatchObject({ id: item.id, downloadUrl: `/v1/items/${enc}/download` });
    const res = await call(`/v1/items/${enc}/download`, { key: acct.key });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(item.data);
  });

  it('needs a valid key', async () => {
    const item = await seedItem();
    await expectError(await call(`/v1/items/${item.id}/download`), 401, 'unauthorized');
    await expectError(await call(`/v1/items/${item.id}/download`, { key: 'clr_not-a-real-key' }), 401);
    await expectError(await call(`/v1/items/${item.id}/download`, { key: ADMIN }), 401);
  });

  it('streams the original with headers and charges price + fee once per month', async () => {
    const acct = await newAccount();
    const item = await seedItem({ priceMicros: 20_000, rightsHolder: 'Museum' });
    const res = await call(`/v1/items/${item.id}/download`, { key: acct.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(res.headers.get('Content-Length')).toBe('2048');
    expect(res.headers.get('ETag')).toMatch(/^".+"$/);
    expect(res.headers.get('X-Charged-Micros')).toBe('21000');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(item.data);
    let u = await usage(acct.key);
    expect(u).toMatchObject({ downloads: 1, quota: 1000, remaining: 999, plan: 'payg' });
    expect(u.charges).toEqual({ feesMicros: 1000, pricesMicros: 20_000, planMicros: 0, totalMicros: 21_000 });
    // repeat downloads this month are free and not counted
    for (let i = 0; i < 3; i++) {
      const again = await call(`/v1/items/${item.id}/download`, { key: acct.key });
      expect(again.status).toBe(200);
      expect(again.headers.get('X-Charged-Micros')).toBe('0');
      await again.arrayBuffer();
    }
    u = await usage(acct.key);
    expect(u.downloads).toBe(1);
    expect(u.charges.totalMicros).toBe(21_000);
    const ledger = await env.DB.prepare('SELECT count(*) AS n, sum(price_micros) AS p, sum(fee_micros) AS f FROM downloads WHERE account_id = ?').bind(acct.id).first<{ n: number; p: number; f: number }>();
    expect(ledger).toEqual({ n: 1, p: 20_000, f: 1000 });
    // another account pays again
    const other = await newAccount();
    const res2 = await call(`/v1/items/${item.id}/download`, { key: other.key });
    expect(res2.headers.get('X-Charged-Micros')).toBe('21000');
    await res2.arrayBuffer();
  });

  it('serves byte ranges with 206 and refuses unsatisfiable ones', async () => {
    const acct = await newAccount();
    const item = await seedItem({ size: 1000 });
    const part = await call(`/v1/items/${item.id}/download`, { key: acct.key, headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('Content-Range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('Content-Length')).toBe('100');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(item.data.slice(100, 200));
    const tail = await call(`/v1/items/${item.id}/download`, { key: acct.key, headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('Content-Range')).toBe('bytes 990-999/1000');
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(item.data.slice(990));
    const open = await call(`/v1/items/${item.id}/download`, { key: acct.key, headers: { Range: 'bytes=900-' } });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(100);
    const bad = await call(`/v1/items/${item.id}/download`, { key: acct.key, headers: { Range: 'bytes=5000-6000' } });
    await expectError(bad, 416, 'range_not_satisfiable');
    expect((await usage(acct.key)).downloads).toBe(1);
  });

  it('charges nothing when the R2 read fails', async () => {
    const acct = await newAccount();
    const item = await seedItem({ withFile: false, priceMicros: 9999 });
    await expectError(await call(`/v1/items/${item.id}/download`, { key: acct.key }), 502, 'storage_unavailable');
    const u = await usage(acct.key);
    expect(u.downloads).toBe(0);
    expect(u.charges.totalMicros).toBe(0);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM downloads WHERE account_id = ?').bind(acct.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it('gives the quota slot back when the R2 read fails', async () => {
    const acct = await newAccount(await newPlan(1));
    const broken = await seedItem({ withFile: false, priceMicros: 50 });
    await expectError(await call(`/v1/items/${broken.id}/download`, { key: acct.key }), 502);
    await expectError(await call(`/v1/items/${broken.id}/download`, { key: acct.key }), 502);
    const good = await seedItem({ priceMicros: 70 });
    const res = await call(`/v1/items/${good.id}/download`, { key: acct.key });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    const u = await usage(acct.key);
    expect(u).toMatchObject({ downloads: 1, remaining: 0 });
    expect(u.charges).toMatchObject({ feesMicros: 1000, pricesMicros: 70 });
  });

  it('gives exactly 5 × 200 and 25 × 429 for 30 concurrent downloads on a 5-download plan', async () => {
    const plan = await newPlan(5);
    const acct = await newAccount(plan);
    const items = await Promise.all(Array.from({ length: 30 }, () => seedItem({ size: 256, priceMicros: 10 })));
    const responses = await Promise.all(items.map((it) => call(`/v1/items/${it.id}/download`, { key: acct.key })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    const now = new Date();
    const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
    for (const r of responses) {
      if (r.status === 200) {
        await r.arrayBuffer();
        continue;
      }
      const retry = Number(r.headers.get('Retry-After'));
      expect(retry).toBeGreaterThan(0);
      expect(Math.abs(Date.now() + retry * 1000 - monthEnd)).toBeLessThan(5000);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('quota_exceeded');
    }
    const u = await usage(acct.key);
    expect(u).toMatchObject({ downloads: 5, quota: 5, remaining: 0 });
    expect(u.charges.feesMicros).toBe(5000);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM downloads WHERE account_id = ?').bind(acct.id).first<{ n: number }>();
    expect(n?.n).toBe(5);
    // repeats of paid items stay free even with the quota spent; new items stay refused
    const paid = items[statuses.indexOf(200)]!;
    const repeat = await call(`/v1/items/${paid.id}/download`, { key: acct.key });
    expect(repeat.status).toBe(200);
    await repeat.arrayBuffer();
    const fresh = items[statuses.indexOf(429)]!;
    await expectError(await call(`/v1/items/${fresh.id}/download`, { key: acct.key }), 429, 'quota_exceeded');
  });

  it('charges once when the same item is fetched concurrently', async () => {
    const acct = await newAccount();
    const item = await seedItem({ priceMicros: 500 });
    const rs = await Promise.all(Array.from({ length: 10 }, () => call(`/v1/items/${item.id}/download`, { key: acct.key })));
    expect(rs.every((r) => r.status === 200)).toBe(true);
    expect(rs.filter((r) => r.headers.get('X-Charged-Micros') === '1500')).toHaveLength(1);
    await Promise.all(rs.map((r) => r.arrayBuffer()));
    expect((await usage(acct.key)).charges.totalMicros).toBe(1500);
  });

  it('answers 451 for everyone once an item is withdrawn, even to past buyers', async () => {
    const acct = await newAccount();
    const item = await seedItem();
    const first = await call(`/v1/items/${item.id}/download`, { key: acct.key });
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    await env.DB.prepare("UPDATE items SET status = 'withdrawn', withdrawn_by = 'release' WHERE id = ?").bind(item.id).run();
    await expectError(await call(`/v1/items/${item.id}/download`, { key: acct.key }), 451, 'withdrawn');
    const other = await newAccount();
    await expectError(await call(`/v1/items/${item.id}/download`, { key: other.key }), 451, 'withdrawn');
    await expectError(await call('/v1/items/test:unknown/download', { key: acct.key }), 404, 'not_found');
  });
});
