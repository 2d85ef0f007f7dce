// Collections: plan gate, CRUD and items per account, manifests (jsonl/csv/parquet) with signed, metered URLs.
import { parquetReadObjects } from 'hyparquet';
import { MANIFEST_COLUMNS } from '../../../edge/src/services/manifest.js';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, usage } from '../helpers.js';

async function makeCollection(key: string, name = 'training set') {
  const res = await call('/v1/collections', { method: 'POST', key, json: { name } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { collection: { id: string } }).collection.id;
}

describe('collections', () => {
  it('is refused with a clear 403 on plans without private collections', async () => {
    const payg = await newAccount('payg');
    const err = await expectError(await call('/v1/collections', { key: payg.key }), 403, 'plan_forbidden');
    expect(err.message).toMatch(/curation/);
    await expectError(await call('/v1/collections', { method: 'POST', key: payg.key, json: { name: 'x' } }), 403);
    await expectError(await call('/v1/collections'), 401);
  });

  it('creates, reads, renames, fills and deletes a collection', async () => {
    const acct = await newAccount('curation');
    const id = await makeCollection(acct.key);
    const [a, b] = [await seedItem(), await seedItem()];
    const add = await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { itemIds: [a.id, b.id, a.id] } });
    expect(add.status).toBe(200);
    expect(await add.json()).toEqual({ added: 2 });
    await expectError(await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { itemIds: ['test:missing'] } }), 400, 'unknown_items');
    await expectError(await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { itemIds: [] } }), 400);
    const got = (await (await call(`/v1/collections/${id}`, { key: acct.key })).json()) as { collection: { name: string }; items: { id: string }[] };
    expect(got.collection.name).toBe('training set');
    expect(got.items.map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    const ren = await call(`/v1/collections/${id}`, { method: 'PATCH', key: acct.key, json: { name: 'renamed', description: 'd' } });
    expect(((await ren.json()) as { collection: { name: string; description: string } }).collection).toMatchObject({ name: 'renamed', description: 'd' });
    expect((await call(`/v1/collections/${id}/items/${encodeURIComponent(a.id)}`, { method: 'DELETE', key: acct.key })).status).toBe(204);
    await expectError(await call(`/v1/collections/${id}/items/${encodeURIComponent(a.id)}`, { method: 'DELETE', key: acct.key }), 404);
    const list = (await (await call('/v1/collections', { key: acct.key })).json()) as { collections: { id: string; itemCount: number }[] };
    expect(list.collections.find((c) => c.id === id)?.itemCount).toBe(1);
    expect((await call(`/v1/collections/${id}`, { method: 'DELETE', key: acct.key })).status).toBe(204);
    await expectError(await call(`/v1/collections/${id}`, { key: acct.key }), 404);
    await expectError(await call('/v1/collections', { method: 'POST', key: acct.key, json: { name: '' } }), 400);
  });

  it("hides one customer's collections from another", async () => {
    const owner = await newAccount('curation');
    const other = await newAccount('curation');
    const id = await makeCollection(owner.key, 'secret');
    const item = await seedItem();
    await expectError(await call(`/v1/collections/${id}`, { key: other.key }), 404);
    await expectError(await call(`/v1/collections/${id}/manifest`, { key: other.key }), 404);
    await expectError(await call(`/v1/collections/${id}/items`, { method: 'POST', key: other.key, json: { itemIds: [item.id] } }), 404);
    await expectError(await call(`/v1/collections/${id}`, { method: 'PATCH', key: other.key, json: { name: 'pwned' } }), 404);
    await expectError(await call(`/v1/collections/${id}`, { method: 'DELETE', key: other.key }), 404);
    const theirs = (await (await call('/v1/collections', { key: other.key })).json()) as { collections: { id: string }[] };
    expect(theirs.collections.map((c) => c.id)).not.toContain(id);
    expect((await call(`/v1/collections/${id}`, { key: owner.key })).status).toBe(200);
  });
});

describe('manifests and signed URLs', () => {
  async function setup() {
    const acct = await newAccount('curation');
    const id = await makeCollection(acct.key);
    const items = [await seedItem({ priceMicros: 100 }), await seedItem({ priceMicros: 200 }), await seedItem({ status: 'withdrawn' })];
    const res = await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { itemIds: items.map((i) => i.id) } });
    expect(res.status).toBe(200);
    return { acct, id, items };
  }
  type Row = { id: string; url: string; sha256: string; expiresAt: string; bytes: number | bigint };

  it('lists live items as JSON Lines whose signed URLs download without a key, metered', async () => {
    const { acct, id, items } = await setup();
    const res = await call(`/v1/collections/${id}/manifest?format=jsonl`, { key: acct.key });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('application/x-ndjson');
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Row);
    expect(rows.map((r) => r.id).sort()).toEqual([items[0]!.id, items[1]!.id].sort());
    for (const row of rows) {
      expect(row.url).toMatch(/^http:\/\/edge\.test\/v1\/items\/.+\/download\?acct=.+&kid=.+&exp=\d+&maxPriceMicros=\d+&sig=[0-9a-f]{64}$/);
      const dl = await call(row.url);
      expect(dl.status).toBe(200);
      const bytes = new Uint8Array(await dl.arrayBuffer());
      const digest = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
      expect(digest).toBe(row.sha256);
    }
    const u = await usage(acct.key);
    expect(u.downloads).toBe(2);
    expect(u.charges.pricesMicros).toBe(300);
  });

  it('renders CSV and Parquet with the same rows', async () => {
    const { acct, id } = await setup();
    const csv = await call(`/v1/collections/${id}/manifest?format=csv`, { key: acct.key });
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(MANIFEST_COLUMNS.map((c) => c.name).join(','));
    expect(lines).toHaveLength(3);
    const pq = await call(`/v1/collections/${id}/manifest?format=parquet`, { key: acct.key });
    expect(pq.headers.get('Content-Type')).toBe('application/vnd.apache.parquet');
    const buf = await pq.arrayBuffer();
    expect(new TextDecoder().decode(buf.slice(0, 4))).toBe('PAR1');
    const rows = (await parquetReadObjects({ file: buf })) as Row[];
    expect(rows).toHaveLength(2);
    expect(Number(rows[0]!.bytes)).toBe(2048);
    expect(rows[0]!.url).toContain('&sig=');
    await expectError(await call(`/v1/collections/${id}/manifest?format=xml`, { key: acct.key }), 400);
  });

  it('refuses tampered, expired and revoked signed URLs without charging', async () => {
    const { acct, id } = await setup();
    const rows = (await (await call(`/v1/collections/${id}/manifest?ttl=60`, { key: acct.key })).text()).trim().split('\n').map((l) => JSON.parse(l) as Row);
    const url = new URL(rows[0]!.url);
    const tamper = (k: string, v: string) => {
      const u = new URL(url);
      u.searchParams.set(k, v);
      return u.toString();
    };
    const exp = Number(url.searchParams.get('exp'));
    await expectError(await call(tamper('exp', String(exp + 3600))), 403, 'bad_signature');
    await expectError(await call(url.toString().replace(encodeURIComponent(rows[0]!.id), encodeURIComponent(rows[1]!.id))), 403, 'bad_signature');
    await expectError(await call(tamper('acct', 'acct_other')), 403, 'bad_signature');
    // the price is signed: a URL cannot be made to accept a higher one, and one without a price is refused
    await expectError(await call(tamper('maxPriceMicros', String(Number(url.searchParams.get('maxPriceMicros')) + 1))), 403, 'bad_signature');
    const unpriced = new URL(url);
    unpriced.searchParams.delete('maxPriceMicros');
    expect((await expectError(await call(unpriced.toString()), 403, 'bad_signature')).message).toContain('fetch a new manifest');
    await expectError(await call(tamper('sig', '0'.repeat(64))), 403, 'bad_signature');
    await expectError(await call(tamper('sig', 'zz')), 403);
    const u2 = new URL(url);
    u2.searchParams.delete('kid');
    await expectError(await call(u2.toString()), 403);
    // expired: a correctly signed URL whose expiry has passed (ttl below the minimum is refused, so sign in the past via the service)
    const { signDownload } = await import('../../../edge/src/services/signing.js');
    const { env } = await import('cloudflare:workers');
    const past = Math.floor(Date.now() / 1000) - 5;
    const expired = await signDownload(env, rows[0]!.id, { acct: url.searchParams.get('acct')!, kid: url.searchParams.get('kid')!, exp: past, maxPriceMicros: Number(url.searchParams.get('maxPriceMicros')) });
    await expectError(await call(expired), 403, 'url_expired');
    expect((await usage(acct.key)).downloads).toBe(0);
    // revoking the key that fetched the manifest voids its URLs
    const keys = (await (await call('/v1/keys', { key: acct.key })).json()) as { keys: { id: string }[] };
    const second = (await (await call('/v1/keys', { method: 'POST', key: acct.key })).json()) as { key: string };
    expect((await call(`/v1/keys/${keys.keys[0]!.id}`, { method: 'DELETE', key: second.key })).status).toBe(200);
    await expectError(await call(url.toString()), 403, 'bad_signature');
    expect((await usage(second.key)).downloads).toBe(0);
  });
});
