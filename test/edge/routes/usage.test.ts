// GET /v1/usage: shape, plan fee, month selection, and that one account never sees another's usage.
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, usage } from '../helpers.js';

describe('usage', () => {
  it('reports this month, the plan fee and remaining quota', async () => {
    const acct = await newAccount('curation');
    const u = await usage(acct.key);
    expect(u.month).toBe(new Date().toISOString().slice(0, 7));
    expect(u).toMatchObject({ plan: 'curation', downloads: 0, quota: 10_000, remaining: 10_000 });
    expect(u.charges).toEqual({ feesMicros: 0, pricesMicros: 0, planMicros: 10_000_000, totalMicros: 10_000_000 });
    const past = await call('/v1/usage?month=2020-01', { key: acct.key });
    expect(((await past.json()) as { month: string; downloads: number }).month).toBe('2020-01');
    await expectError(await call('/v1/usage?month=2020-13', { key: acct.key }), 400);
    await expectError(await call('/v1/usage'), 401);
  });

  it('is per account: one customer cannot see another’s usage', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const item = await seedItem({ priceMicros: 7 });
    const r = await call(`/v1/items/${item.id}/download`, { key: a.key });
    await r.arrayBuffer();
    expect((await usage(a.key)).downloads).toBe(1);
    expect((await usage(b.key)).downloads).toBe(0);
    // there is no way to name another account
    const r2 = await call(`/v1/usage?account=${a.id}`, { key: b.key });
    expect(((await r2.json()) as { downloads: number }).downloads).toBe(0);
  });
});
