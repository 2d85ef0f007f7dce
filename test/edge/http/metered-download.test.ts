// Metered downloads on the cached-facts path: every D1 check (key, revocation, withdrawal, quota) still holds at once.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { getFacts } from '../../../edge/src/services/item-facts.js';
import { call, expectError, newAccount, newPlan, seedItem, uid, usage } from '../helpers.js';

const dl = (id: string, init: Parameters<typeof call>[1] = {}) => call(`/v1/items/${encodeURIComponent(id)}/download`, init);

/** Downloads once (charging `acct`) so that the item's storage facts are cached in this isolate. */
async function warm(id: string, key: string) {
  const cold = getFacts(id) === undefined;
  const res = await dl(id, { key });
  expect(res.status).toBe(200);
  // unknown facts: R2 is read after the batch; known facts: R2 is read beside it
  expect(res.headers.get('Server-Timing')).toMatch(cold ? /^d1;dur=[\d.]+, r2-after;dur=[\d.]+$/ : /^(d1|r2);dur=[\d.]+, (d1|r2);dur=[\d.]+$/);
  await res.arrayBuffer();
  expect(getFacts(id)).toBeDefined();
}

async function ledgerRows(accountId: string) {
  const n = await env.DB.prepare('SELECT count(*) AS n FROM downloads WHERE account_id = ?').bind(accountId).first<{ n: number }>();
  return n?.n ?? 0;
}

describe('metered download with cached item facts', () => {
  it('charges a second account once and serves its repeats free, with the same bytes and headers', async () => {
    const first = await newAccount();
    const item = await seedItem({ priceMicros: 300 });
    await warm(item.id, first.key);
    const buyer = await newAccount();
    const res = await dl(item.id, { key: buyer.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Charged-Micros')).toBe('1300');
    expect(res.headers.get('Server-Timing')).toMatch(/\br2;dur=/);
    expect(res.headers.get('Content-Type')).toBe('image/jpeg');
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="${item.sha}"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(item.data);
    const again = await dl(item.id, { key: buyer.key, headers: { Range: 'bytes=10-19' } });
    expect(again.status).toBe(206);
    expect(again.headers.get('X-Charged-Micros')).toBe('0');
    expect(again.headers.get('Content-Range')).toBe(`bytes 10-19/${item.data.length}`);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(item.data.slice(10, 20));
    await expectError(await dl(item.id, { key: buyer.key, headers: { Range: 'bytes=99999-' } }), 416, 'range_not_satisfiable');
    expect((await usage(buyer.key)).charges.totalMicros).toBe(1300);
  });

  it('answers 451 at once after a moderator withdraws, to past buyers and everyone else', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const buyer = await newAccount();
    const item = await seedItem();
    await warm(item.id, buyer.key);
    const flag = await call('/v1/flags', { method: 'POST', json: { itemId: item.id, reason: 'infringing' }, headers: { 'CF-Connecting-IP': uid('ip') } });
    expect(flag.status).toBe(201);
    const flagId = ((await flag.json()) as { id: string }).id;
    const d = await call(`/v1/moderation/flags/${flagId}/decision`, { method: 'POST', key: mod.key, json: { action: 'withdraw' } });
    expect(d.status).toBe(200);
    expect(getFacts(item.id)).toBeDefined();
    await expectError(await dl(item.id, { key: buyer.key }), 451, 'withdrawn');
    const other = await newAccount();
    await expectError(await dl(item.id, { key: other.key }), 451, 'withdrawn');
    expect(await ledgerRows(other.id)).toBe(0);
  });

  it('answers 451 when the item was withdrawn between two requests by a release', async () => {
    const acct = await newAccount();
    const item = await seedItem();
    await warm(item.id, acct.key);
    await env.DB.prepare("UPDATE items SET status = 'withdrawn', withdrawn_by = 'release' WHERE id = ?").bind(item.id).run();
    await expectError(await dl(item.id, { key: acct.key }), 451, 'withdrawn');
  });

  it('refuses a revoked key at once, and unknown or malformed keys, charging nothing', async () => {
    const acct = await newAccount();
    const item = await seedItem();
    await warm(item.id, acct.key);
    const second = (await (await call('/v1/keys', { method: 'POST', key: acct.key })).json()) as { id: string; key: string };
    const other = await seedItem();
    await warm(other.id, second.key);
    expect((await call(`/v1/keys/${second.id}`, { method: 'DELETE', key: acct.key })).status).toBe(200);
    const err = await expectError(await dl(other.id, { key: second.key }), 401, 'unauthorized');
    expect(err.message).toBe('API key revoked');
    const forged = `clr_${'A'.repeat(43)}`;
    expect((await expectError(await dl(item.id, { key: forged }), 401)).message).toBe('invalid API key');
    await expectError(await dl(item.id, { key: 'clr_short' }), 401);
    await expectError(await dl(item.id), 401);
    expect(await ledgerRows(acct.id)).toBe(2);
  });

  it('answers 429 with Retry-After on a spent quota and 404 for an item that is gone', async () => {
    const acct = await newAccount(await newPlan(1));
    const a = await seedItem();
    const b = await seedItem();
    const head = await dl(b.id, { key: acct.key, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).toBe(String(b.data.length));
    expect(getFacts(b.id)).toBeDefined();
    expect((await usage(acct.key)).downloads).toBe(0);
    await warm(a.id, acct.key);
    const res = await dl(b.id, { key: acct.key });
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectError(res, 429, 'quota_exceeded');
    expect(await ledgerRows(acct.id)).toBe(1);
    await env.DB.prepare('DELETE FROM items WHERE id = ?').bind(b.id).run();
    await expectError(await dl(b.id, { key: acct.key }), 404, 'not_found');
    expect(getFacts(b.id)).toBeUndefined();
  });

  it('charges nothing when the cached file cannot be read any more', async () => {
    const first = await newAccount();
    const item = await seedItem({ priceMicros: 40 });
    await warm(item.id, first.key);
    await env.FILES.delete(item.originalKey);
    const buyer = await newAccount(await newPlan(1));
    await expectError(await dl(item.id, { key: buyer.key }), 502, 'storage_unavailable');
    expect(await ledgerRows(buyer.id)).toBe(0);
    expect(await usage(buyer.key)).toMatchObject({ downloads: 0, remaining: 1 });
  });

  it('serves the current file when the item was re-published with another one (stale cached facts)', async () => {
    const acct = await newAccount();
    const item = await seedItem({ size: 1000 });
    await warm(item.id, acct.key);
    const next = await seedItem({ size: 1500 });
    await env.DB.prepare('UPDATE items SET sha256 = ?, original_key = ?, bytes = ? WHERE id = ?').bind(next.sha, next.originalKey, 1500, item.id).run();
    const buyer = await newAccount();
    const res = await dl(item.id, { key: buyer.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="${next.sha}"`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(next.data);
    expect(getFacts(item.id)).toMatchObject({ sha256: next.sha, bytes: 1500 });
    // a range valid only for the new size, asked while the old facts were cached, is served from the new file
    await env.DB.prepare('UPDATE items SET sha256 = ?, original_key = ?, bytes = ? WHERE id = ?').bind(item.sha, item.originalKey, 1000, item.id).run();
    const tail = await dl(item.id, { key: buyer.key, headers: { Range: 'bytes=990-1200' } });
    expect(tail.status).toBe(206);
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(item.data.slice(990));
    expect((await usage(buyer.key)).downloads).toBe(1);
  });

  it('charges again when a paid ledger row this isolate remembers is gone', async () => {
    const acct = await newAccount();
    const item = await seedItem({ priceMicros: 25 });
    await warm(item.id, acct.key);
    const free = await dl(item.id, { key: acct.key });
    expect(free.headers.get('X-Charged-Micros')).toBe('0');
    await free.arrayBuffer();
    await env.DB.prepare('DELETE FROM downloads WHERE account_id = ?').bind(acct.id).run();
    const again = await dl(item.id, { key: acct.key });
    expect(again.status).toBe(200);
    expect(again.headers.get('X-Charged-Micros')).toBe('1025');
    await again.arrayBuffer();
    expect(await ledgerRows(acct.id)).toBe(1);
  });

  it('on a first download with a Range, checks the range before charging', async () => {
    const acct = await newAccount();
    const item = await seedItem({ size: 500 });
    expect(getFacts(item.id)).toBeUndefined();
    await expectError(await dl(item.id, { key: acct.key, headers: { Range: 'bytes=600-' } }), 416, 'range_not_satisfiable');
    expect(await ledgerRows(acct.id)).toBe(0);
    const other = await seedItem({ size: 500 });
    const part = await dl(other.id, { key: acct.key, headers: { Range: 'bytes=-5' } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(other.data.slice(495));
    expect(await ledgerRows(acct.id)).toBe(1);
  });

  it('learns the facts of items that were listed or looked up, but not of withdrawn ones', async () => {
    const seen = await seedItem();
    expect((await call(`/v1/items/${encodeURIComponent(seen.id)}`)).status).toBe(200);
    expect(getFacts(seen.id)).toMatchObject({ originalKey: seen.originalKey, sha256: seen.sha, bytes: seen.data.length });
    const gone = await seedItem({ status: 'withdrawn' });
    expect((await call(`/v1/items/${encodeURIComponent(gone.id)}`)).status).toBe(451);
    expect(getFacts(gone.id)).toBeUndefined();
    const listed = await seedItem();
    const page = await call('/v1/items?limit=500');
    expect(page.status).toBe(200);
    await page.arrayBuffer();
    expect(getFacts(listed.id)).toBeDefined();
  });

  it('meters signed manifest URLs and refuses them once their key is revoked', async () => {
    const acct = await newAccount('curation');
    const item = await seedItem({ priceMicros: 100 });
    const col = await call('/v1/collections', { method: 'POST', key: acct.key, json: { name: 'set' } });
    const colId = ((await col.json()) as { collection: { id: string } }).collection.id;
    expect((await call(`/v1/collections/${colId}/items`, { method: 'POST', key: acct.key, json: { itemIds: [item.id] } })).status).toBe(200);
    const other = await newAccount();
    await warm(item.id, other.key);
    const manifest = await call(`/v1/collections/${colId}/manifest?format=jsonl`, { key: acct.key });
    const url = (JSON.parse((await manifest.text()).trim()) as { url: string }).url;
    const res = await call(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Charged-Micros')).toBe('1100');
    await res.arrayBuffer();
    expect((await usage(acct.key)).downloads).toBe(1);
    const keys = (await (await call('/v1/keys', { key: acct.key })).json()) as { keys: { id: string }[] };
    const spare = (await (await call('/v1/keys', { method: 'POST', key: acct.key })).json()) as { key: string };
    expect((await call(`/v1/keys/${keys.keys[0]!.id}`, { method: 'DELETE', key: spare.key })).status).toBe(200);
    await expectError(await call(url), 403, 'bad_signature');
  });
});
