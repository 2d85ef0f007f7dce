// Rights holders: own items and prices only, monthly statement, audit of every download (customer pseudonym, time).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, uid } from '../helpers.js';

describe('rights holders', () => {
  it('needs the rightsholder role', async () => {
    const customer = await newAccount();
    await expectError(await call('/v1/rightsholder/statement'), 401);
    await expectError(await call('/v1/rightsholder/statement', { key: customer.key }), 403, 'forbidden');
    await expectError(await call('/v1/rightsholder/audit', { key: customer.key }), 403);
  });

  it('sets prices of its own items only; new downloads use the new price', async () => {
    const name = uid('Museum ');
    const rh = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: name }]);
    const mine = await seedItem({ rightsHolder: name, priceMicros: 100 });
    const theirs = await seedItem({ rightsHolder: 'Someone else', priceMicros: 100 });
    const res = await call(`/v1/rightsholder/items/${mine.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 250_000 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { item: unknown }).item).toEqual({ id: mine.id, priceMicros: 250_000, priceSource: 'rightsholder' });
    await expectError(await call(`/v1/rightsholder/items/${theirs.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 1 } }), 403);
    await expectError(await call(`/v1/rightsholder/items/test:nope/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 1 } }), 404);
    await expectError(await call(`/v1/rightsholder/items/${mine.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: -5 } }), 400);
    await expectError(await call(`/v1/rightsholder/items/${mine.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 1.5 } }), 400);
    // one bound for every price: $1,000 a download
    await expectError(await call(`/v1/rightsholder/items/${mine.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 1_000_000_001 } }), 400);
    const top = await call(`/v1/rightsholder/items/${mine.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 1_000_000_000 } });
    expect(top.status).toBe(200);
    await top.arrayBuffer();
    expect((await call(`/v1/rightsholder/items/${mine.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 250_000 } })).status).toBe(200);
    const list = (await (await call('/v1/rightsholder/items', { key: rh.key })).json()) as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([mine.id]);
    const buyer = await newAccount();
    const dl = await call(`/v1/items/${mine.id}/download`, { key: buyer.key });
    expect(dl.headers.get('X-Charged-Micros')).toBe('251000');
    await dl.arrayBuffer();
  });

  it('prices only opted-in works: CC0 and public-domain items it holds are refused with 409', async () => {
    const name = uid('Library ');
    const rh = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: name }]);
    for (const licence of ['cc0-1.0', 'pdm-1.0']) {
      const free = await seedItem({ rightsHolder: name, licence });
      const err = await expectError(await call(`/v1/rightsholder/items/${free.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 5000 } }), 409, 'not_optin');
      expect(err.message).toContain(licence);
      const row = await env.DB.prepare('SELECT price_micros, price_source FROM items WHERE id = ?').bind(free.id).first();
      expect(row).toEqual({ price_micros: 0, price_source: 'release' });
    }
    const optin = await seedItem({ rightsHolder: name });
    expect((await call(`/v1/rightsholder/items/${optin.id}/price`, { method: 'PUT', key: rh.key, json: { priceMicros: 5000 } })).status).toBe(200);
  });

  it('gets a monthly statement and an audit of every download of its works', async () => {
    const name = uid('Archive ');
    const rh = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: name }]);
    const a = await seedItem({ rightsHolder: name, priceMicros: 3000 });
    const b = await seedItem({ rightsHolder: name, priceMicros: 5000 });
    const other = await seedItem({ rightsHolder: 'Other', priceMicros: 9000 });
    const buyers = [await newAccount(), await newAccount()];
    for (const buyer of buyers) {
      for (const item of [a, b, other, a]) {
        const r = await call(`/v1/items/${item.id}/download`, { key: buyer.key });
        expect(r.status).toBe(200);
        await r.arrayBuffer();
      }
    }
    const s = await call('/v1/rightsholder/statement', { key: rh.key });
    const st = (await s.json()) as { month: string; downloads: number; earningsMicros: number; items: { itemId: string; downloads: number; earningsMicros: number }[] };
    expect(st.month).toBe(new Date().toISOString().slice(0, 7));
    expect(st.downloads).toBe(4);
    expect(st.earningsMicros).toBe(2 * 3000 + 2 * 5000);
    expect(st.items).toEqual(expect.arrayContaining([{ itemId: a.id, downloads: 2, earningsMicros: 6000 }, { itemId: b.id, downloads: 2, earningsMicros: 10000 }]));
    const old = (await (await call('/v1/rightsholder/statement?month=2001-01', { key: rh.key })).json()) as { downloads: number };
    expect(old.downloads).toBe(0);
    // audit, paged
    const seen: { itemId: string; customer: string; at: string; accountId?: unknown; keyPrefix?: unknown }[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: Response = await call(`/v1/rightsholder/audit?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { key: rh.key });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { downloads: typeof seen; cursor: string | null };
      seen.push(...page.downloads);
      cursor = page.cursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(4);
    // customers as pseudonyms: one per buyer, never an account id or a key prefix
    expect(new Set(seen.map((d) => d.customer)).size).toBe(new Set(buyers.map((x) => x.id)).size);
    for (const d of seen) {
      expect([a.id, b.id]).toContain(d.itemId);
      expect(d.customer).toMatch(/^customer-[0-9a-f]{12}$/);
      expect(d).not.toHaveProperty('accountId');
      expect(d).not.toHaveProperty('keyPrefix');
      expect(JSON.stringify(d)).not.toMatch(new RegExp(buyers.map((x) => x.id).join('|')));
      expect(Date.parse(d.at)).toBeGreaterThan(0);
    }
    await expectError(await call('/v1/rightsholder/audit?cursor=garbage', { key: rh.key }), 400);
  });
});
