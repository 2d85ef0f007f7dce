// The charge batch's limits through the download route: maximum prices (keyed and signed) and the monthly spending
// cap, each refusing with nothing charged, exactly under concurrency, never refusing a repeat of a paid download.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, newPlan, seedItem, usage } from '../helpers.js';

const dl = (id: string, init: Parameters<typeof call>[1] = {}, query = '') => call(`/v1/items/${encodeURIComponent(id)}/download${query}`, init);

async function ledgerRows(accountId: string) {
  const n = await env.DB.prepare('SELECT count(*) AS n FROM downloads WHERE account_id = ?').bind(accountId).first<{ n: number }>();
  return n?.n ?? 0;
}

async function setCap(key: string, spendCapMicros: number | null) {
  const res = await call('/v1/account', { method: 'PATCH', key, json: { spendCapMicros } });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

async function signedUrls(key: string, itemIds: string[]) {
  const col = await call('/v1/collections', { method: 'POST', key, json: { name: 'set' } });
  const id = ((await col.json()) as { collection: { id: string } }).collection.id;
  expect((await call(`/v1/collections/${id}/items`, { method: 'POST', key, json: { itemIds } })).status).toBe(200);
  const text = await (await call(`/v1/collections/${id}/manifest`, { key })).text();
  return new Map(text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; url: string; priceMicros: number }).map((r) => [r.id, r]));
}

describe('maximum price of a keyed download', () => {
  it('refuses an item dearer than maxPriceMicros with 409 and charges nothing; at the price it charges', async () => {
    const acct = await newAccount();
    const item = await seedItem({ rightsHolder: 'Studio', priceMicros: 5000 });
    const err = await expectError(await dl(item.id, { key: acct.key }, '?maxPriceMicros=4999'), 409, 'price_above_max');
    expect(err.message).toContain('5000 µ$');
    expect(err.message).toContain('nothing was charged');
    expect((await dl(item.id, { key: acct.key, method: 'HEAD' }, '?maxPriceMicros=4999')).status).toBe(200); // nothing charged, no limit
    expect(await ledgerRows(acct.id)).toBe(0);
    expect(await usage(acct.key)).toMatchObject({ downloads: 0, charges: { totalMicros: 0 } });
    const ok = await dl(item.id, { key: acct.key }, '?maxPriceMicros=5000');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('X-Charged-Micros')).toBe('6000');
    await ok.arrayBuffer();
    // a repeat this month is free, so no bound refuses it
    for (const headers of [{}, { Range: 'bytes=0-9' }] as Record<string, string>[]) {
      const again = await dl(item.id, { key: acct.key, headers }, '?maxPriceMicros=0');
      expect(again.status).toBeLessThan(300);
      expect(again.headers.get('X-Charged-Micros')).toBe('0');
      await again.arrayBuffer();
    }
  });

  it('checks the bound in the charge batch when the item facts are cached too, and validates it', async () => {
    const acct = await newAccount();
    const item = await seedItem({ rightsHolder: 'Studio', priceMicros: 700 });
    expect((await call(`/v1/items/${encodeURIComponent(item.id)}`)).status).toBe(200); // caches the facts
    await expectError(await dl(item.id, { key: acct.key }, '?maxPriceMicros=699'), 409, 'price_above_max');
    await expectError(await dl(item.id, { key: acct.key, headers: { Range: 'bytes=0-9' } }, '?maxPriceMicros=699'), 409, 'price_above_max');
    expect(await ledgerRows(acct.id)).toBe(0);
    for (const bad of ['-1', '1.5', 'abc', '', '9'.repeat(16)]) await expectError(await dl(item.id, { key: acct.key }, `?maxPriceMicros=${bad}`), 400);
  });
});

describe('signed manifest URLs charge at most the price they were issued at', () => {
  it('answers 409 price_changed after a rise, charging nothing; after a cut, charges the lower price', async () => {
    const acct = await newAccount('curation');
    const up = await seedItem({ rightsHolder: 'Studio', priceMicros: 100 });
    const down = await seedItem({ rightsHolder: 'Studio', priceMicros: 100 });
    const rows = await signedUrls(acct.key, [up.id, down.id]);
    expect(rows.get(up.id)!.url).toContain('maxPriceMicros=100&');
    await env.DB.prepare('UPDATE items SET price_micros = ? WHERE id = ?').bind(200, up.id).run();
    await env.DB.prepare('UPDATE items SET price_micros = ? WHERE id = ?').bind(40, down.id).run();
    const err = await expectError(await call(rows.get(up.id)!.url), 409, 'price_changed');
    expect(err.message).toMatch(/rose to 200 µ\$.*issued at 100 µ\$.*nothing was charged.*new manifest/);
    expect(await ledgerRows(acct.id)).toBe(0);
    const cheaper = await call(rows.get(down.id)!.url);
    expect(cheaper.status).toBe(200);
    expect(cheaper.headers.get('X-Charged-Micros')).toBe('1040');
    await cheaper.arrayBuffer();
    // a new manifest carries (and accepts) the new price
    const fresh = await signedUrls(acct.key, [up.id]);
    const res = await call(fresh.get(up.id)!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Charged-Micros')).toBe('1200');
    await res.arrayBuffer();
    expect((await usage(acct.key)).charges).toMatchObject({ pricesMicros: 240, feesMicros: 2000 });
  });
});

describe('monthly spending cap', () => {
  it('refuses the download that would pass the cap with 402, nothing charged; repeats stay free; raising it lets it through', async () => {
    const acct = await newAccount();
    const items = await Promise.all([1, 2, 3].map(() => seedItem({ rightsHolder: 'Studio', priceMicros: 500 })));
    await setCap(acct.key, 3000); // two downloads at 1,500 µ$ each
    for (const it of items.slice(0, 2)) {
      const r = await dl(it.id, { key: acct.key });
      expect(r.status).toBe(200);
      await r.arrayBuffer();
    }
    const refused = await dl(items[2]!.id, { key: acct.key });
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const err = await expectError(refused, 402, 'spend_cap_reached');
    expect(err.message).toMatch(/^this download \(1500 µ\$ \(\$0\.0015\)\) .*\(3000 µ\$ \(\$0\.003\) so far\) past your monthly spending cap of 3000 µ\$.*nothing was charged/);
    expect(await ledgerRows(acct.id)).toBe(2);
    expect(await usage(acct.key)).toMatchObject({ downloads: 2, spendCapMicros: 3000, spendRemainingMicros: 0, charges: { totalMicros: 3000 } });
    const repeat = await dl(items[0]!.id, { key: acct.key });
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get('X-Charged-Micros')).toBe('0');
    await repeat.arrayBuffer();
    // a free item still costs the fee
    const free = await seedItem();
    await expectError(await dl(free.id, { key: acct.key }), 402, 'spend_cap_reached');
    await setCap(acct.key, 4500);
    const third = await dl(items[2]!.id, { key: acct.key });
    expect(third.status).toBe(200);
    await third.arrayBuffer();
    await setCap(acct.key, null);
    const after = await dl(free.id, { key: acct.key });
    expect(after.status).toBe(200);
    await after.arrayBuffer();
    expect(await usage(acct.key)).toMatchObject({ downloads: 4, spendCapMicros: null, spendRemainingMicros: null });
  });

  it('gives exactly 5 × 200 and 25 × 402 for 30 concurrent downloads under a cap of five', async () => {
    const acct = await newAccount();
    await setCap(acct.key, 5 * 1010);
    const items = await Promise.all(Array.from({ length: 30 }, () => seedItem({ size: 256, rightsHolder: 'Studio', priceMicros: 10 })));
    const responses = await Promise.all(items.map((it) => dl(it.id, { key: acct.key })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 402)).toHaveLength(25);
    for (const r of responses) {
      if (r.status === 200) await r.arrayBuffer();
      else expect(((await r.json()) as { error: { code: string } }).error.code).toBe('spend_cap_reached');
    }
    expect(await ledgerRows(acct.id)).toBe(5);
    expect(await usage(acct.key)).toMatchObject({ downloads: 5, spendRemainingMicros: 0, charges: { feesMicros: 5000, pricesMicros: 50 } });
  });

  it('counts the signed and keyed downloads of the account alike, and a spent quota still answers 429 first', async () => {
    const acct = await newAccount(await newPlan(1, true));
    const [a, b] = [await seedItem({ priceMicros: 0 }), await seedItem({ priceMicros: 0 })];
    await setCap(acct.key, 1000);
    const rows = await signedUrls(acct.key, [a.id, b.id]);
    const first = await call(rows.get(a.id)!.url);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    await expectError(await dl(b.id, { key: acct.key }), 429, 'quota_exceeded');
    await setCap(acct.key, 0);
    await expectError(await call(rows.get(b.id)!.url), 429, 'quota_exceeded');
    expect(await ledgerRows(acct.id)).toBe(1);
  });
});
