// POST /v1/collections/:id/items {query, limit}: a collection filled from a search (object or query-string form),
// bounded, idempotent, under the account's safety default; clear 400s; only the owner's collections.
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, uid } from '../helpers.js';

async function newCollection(key: string) {
  const res = await call('/v1/collections', { method: 'POST', key, json: { name: 'from a query' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { collection: { id: string } }).collection.id;
}
const members = async (key: string, id: string, q = '?maxNsfw=any&faces=any&textPii=any') =>
  ((await (await call(`/v1/collections/${id}${q}`, { key })).json()) as { items: { id: string }[] }).items.map((i) => i.id).sort();

describe('filling a collection from a query', () => {
  it('adds the first `limit` matches in id order, says how many matched and were new, and is idempotent', async () => {
    const word = uid('apple').replace(/[^a-z0-9]/g, '');
    const source = uid('s').replace(/[^a-z0-9]/g, '');
    const hits = [];
    for (let i = 0; i < 6; i++) hits.push(await seedItem({ source, title: `${word} study ${i}`, licence: i % 3 === 2 ? 'pdm-1.0' : 'cc0-1.0', nsfw: i * 0.1, faces: 0, textPii: false }));
    await seedItem({ source, title: `${word} withdrawn`, status: 'withdrawn' });
    await seedItem({ source, title: 'unrelated' });
    const acct = await newAccount('curation');
    const id = await newCollection(acct.key);
    const expected = hits.filter((_, i) => i % 3 !== 2).map((h) => h.id).sort(); // cc0 only

    const first = await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { query: { q: word, licence: ['cc0-1.0'] }, limit: 3 } });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ matched: 3, added: 3, filter: { summary: 'none' } });
    expect(await members(acct.key, id)).toEqual(expected.slice(0, 3));

    const again = await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { query: `q=${word}&licence=cc0-1.0`, limit: 100 } });
    expect(await again.json()).toMatchObject({ matched: expected.length, added: expected.length - 3 });
    expect(await members(acct.key, id)).toEqual(expected);
    const twice = await call(`/v1/collections/${id}/items`, { method: 'POST', key: acct.key, json: { query: { q: word, licence: 'cc0-1.0' }, limit: 100 } });
    expect(await twice.json()).toMatchObject({ matched: expected.length, added: 0 });

    // safety: the request's filter, then the account default
    const safe = await newCollection(acct.key);
    const r = await call(`/v1/collections/${safe}/items`, { method: 'POST', key: acct.key, json: { query: { source, maxNsfw: 0.25 }, limit: 100 } });
    expect(await r.json()).toMatchObject({ matched: 3, added: 3, filter: { summary: 'maxNsfw=0.25', from: 'request' } });
    await call('/v1/account', { method: 'PATCH', key: acct.key, json: { safetyDefault: { maxNsfw: 0.15 } } });
    const byDefault = await newCollection(acct.key);
    const d = await call(`/v1/collections/${byDefault}/items`, { method: 'POST', key: acct.key, json: { query: { source }, limit: 100 } });
    expect(await d.json()).toMatchObject({ matched: 2, added: 2, filter: { summary: 'maxNsfw=0.15', from: 'account' } });
    expect(await members(acct.key, byDefault)).toEqual(hits.slice(0, 2).map((h) => h.id).sort());
  });

  it('refuses bad queries and limits with a 400, and other accounts\' collections with a 404', async () => {
    const acct = await newAccount('curation');
    const id = await newCollection(acct.key);
    const post = (json: unknown, key = acct.key) => call(`/v1/collections/${id}/items`, { method: 'POST', key, json });
    for (const body of [
      { query: { q: 'x' } }, // no limit
      { query: { q: 'x' }, limit: 0 },
      { query: { q: 'x' }, limit: 5001 },
      { query: { licence: 'cc-by' }, limit: 10 },
      { query: { colour: 'red' }, limit: 10 },
      { query: 'minWidth=zero', limit: 10 },
      { query: { maxNsfw: 3 }, limit: 10 },
      { query: { q: '***' }, limit: 10 },
      { query: { q: 'x' }, limit: 10, itemIds: ['a'] },
      {},
    ]) {
      await expectError(await post(body), 400, 'invalid_request');
    }
    const other = await newAccount('curation');
    await expectError(await post({ query: { q: 'x' }, limit: 10 }, other.key), 404);
  });
});
