// Safety scores at the edge (#19): filters on listings, collection lists and manifests, the account's default set once,
// overrides per request, unscored items, and the filter named in headers, bodies, rows and Parquet metadata.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, uid, type SeedOptions } from '../helpers.js';

type Scores = { nsfw: number | null; faces: number | null; textPii: boolean | null };
const SPECS: (SeedOptions & Scores)[] = [
  { nsfw: 0.01, faces: 0, textPii: false },
  { nsfw: 0.19, faces: 0, textPii: false },
  { nsfw: 0.2, faces: 1, textPii: false },
  { nsfw: 0.21, faces: 0, textPii: false },
  { nsfw: 0.85, faces: 3, textPii: true },
  { nsfw: 0.05, faces: 0, textPii: true },
  { nsfw: null, faces: null, textPii: false }, // unscored
  { nsfw: 0.1, faces: null, textPii: false }, // nudity scored, faces not
];

async function seedScored() {
  const source = uid('s').replace(/[^a-z0-9]/g, '');
  const items: (Awaited<ReturnType<typeof seedItem>> & { scores: Scores })[] = [];
  for (const s of SPECS) items.push({ ...(await seedItem({ source, ...s })), scores: s });
  const ids = (keep: (s: Scores) => boolean) => items.filter((i) => keep(i.scores)).map((i) => i.id).sort();
  return { source, items, ids };
}

async function listIds(path: string, key?: string) {
  const res = await call(path, key ? { key } : {});
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { items: { id: string; safety: Scores }[]; filter: { summary: string; from: string } };
  return { ids: body.items.map((i) => i.id).sort(), items: body.items, filter: body.filter, header: res.headers.get('Clearance-Filter'), from: res.headers.get('Clearance-Filter-From') };
}

describe('safety filters on GET /v1/items', () => {
  it('keep only items within every limit; unscored items only with includeUnscored=true', async () => {
    const { source, ids } = await seedScored();
    const cases: [string, (s: Scores) => boolean][] = [
      ['maxNsfw=0.2', (s) => s.nsfw !== null && s.nsfw <= 0.2],
      ['maxNsfw=0', (s) => s.nsfw === 0],
      ['maxNsfw=1', (s) => s.nsfw !== null],
      ['maxNsfw=0.2&includeUnscored=true', (s) => s.nsfw === null || s.nsfw <= 0.2],
      ['faces=none', (s) => s.faces === 0],
      ['faces=none&includeUnscored=true', (s) => s.faces === 0 || s.faces === null],
      ['textPii=false', (s) => s.textPii === false],
      ['maxNsfw=0.2&faces=none&textPii=false', (s) => s.nsfw !== null && s.nsfw <= 0.2 && s.faces === 0 && s.textPii === false],
      ['faces=any&textPii=any&maxNsfw=any', () => true],
    ];
    for (const [q, keep] of cases) {
      const got = await listIds(`/v1/items?source=${source}&${q}&limit=100`);
      expect(got.ids, q).toEqual(ids(keep));
      for (const i of got.items) if (/maxNsfw=0\.2/.test(q)) expect(i.safety.nsfw ?? 0, q).toBeLessThanOrEqual(0.2);
    }
    const one = await listIds(`/v1/items?source=${source}&maxNsfw=0.2&faces=none`);
    expect(one.filter).toMatchObject({ maxNsfw: 0.2, faces: 'none', textPii: null, includeUnscored: false, from: 'request', summary: 'maxNsfw=0.2&faces=none' });
    expect([one.header, one.from]).toEqual(['maxNsfw=0.2&faces=none', 'request']);
    const none = await listIds(`/v1/items?source=${source}`);
    expect([none.header, none.from, none.ids.length]).toEqual(['none', 'none', SPECS.length]);
  });

  it('show the scores on GET /v1/items/:id', async () => {
    const item = await seedItem({ nsfw: 0.125, faces: 2, faceScore: 0.97, textPii: true });
    const body = (await (await call(`/v1/items/${item.id}`)).json()) as { item: { safety: unknown } };
    expect(body.item.safety).toEqual({ nsfw: 0.125, faces: 2, faceScore: 0.97, textPii: true });
  });
});

describe('the account default', () => {
  it('is set once with PATCH /v1/account, applies to listings with the key, and requests override it field by field', async () => {
    const { source, ids } = await seedScored();
    const acct = await newAccount();
    const set = await call('/v1/account', { method: 'PATCH', key: acct.key, json: { safetyDefault: { maxNsfw: 0.2, faces: 'none' } } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { account: { safetyDefault: unknown } }).account.safetyDefault).toEqual({ maxNsfw: 0.2, faces: 'none', textPii: null, includeUnscored: false });
    const shown = (await (await call('/v1/account', { key: acct.key })).json()) as { account: { safetyDefault: unknown; spendCapMicros: unknown } };
    expect(shown.account).toMatchObject({ safetyDefault: { maxNsfw: 0.2, faces: 'none' }, spendCapMicros: null });

    const def = await listIds(`/v1/items?source=${source}`, acct.key);
    expect(def.ids).toEqual(ids((s) => s.nsfw !== null && s.nsfw <= 0.2 && s.faces === 0));
    expect([def.header, def.from]).toEqual(['maxNsfw=0.2&faces=none', 'account']);
    expect((await listIds(`/v1/items?source=${source}`)).ids).toHaveLength(SPECS.length); // no key: no default
    const looser = await listIds(`/v1/items?source=${source}&maxNsfw=any`, acct.key);
    expect(looser.ids).toEqual(ids((s) => s.faces === 0));
    expect(looser.from).toBe('account+request');
    const stricter = await listIds(`/v1/items?source=${source}&textPii=false&includeUnscored=true`, acct.key);
    expect(stricter.ids).toEqual(ids((s) => (s.nsfw === null || s.nsfw <= 0.2) && (s.faces === null || s.faces === 0) && s.textPii === false));
    expect(stricter.header).toBe('maxNsfw=0.2&faces=none&textPii=false&includeUnscored=true');
    const off = await listIds(`/v1/items?source=${source}&maxNsfw=any&faces=any`, acct.key);
    expect([off.ids.length, off.from, off.header]).toEqual([SPECS.length, 'none', 'none']);

    // a cursor from before the default changed belongs to another query
    const page = (await (await call(`/v1/items?source=${source}&limit=1`, { key: acct.key })).json()) as { cursor: string };
    await call('/v1/account', { method: 'PATCH', key: acct.key, json: { safetyDefault: { textPii: false } } });
    await expectError(await call(`/v1/items?source=${source}&limit=1&cursor=${page.cursor}`, { key: acct.key }), 400);
    expect((await listIds(`/v1/items?source=${source}`, acct.key)).ids).toEqual(ids((s) => s.textPii === false));

    const cleared = await call('/v1/account', { method: 'PATCH', key: acct.key, json: { safetyDefault: null } });
    expect(((await cleared.json()) as { account: { safetyDefault: unknown } }).account.safetyDefault).toBeNull();
    expect((await listIds(`/v1/items?source=${source}`, acct.key)).ids).toHaveLength(SPECS.length);
  });

  it('refuses bad defaults and a bad key on the public listing', async () => {
    const acct = await newAccount();
    for (const safetyDefault of [{ maxNsfw: 2 }, { maxNsfw: '0.2' }, { faces: 'some' }, { textPii: true }, { colour: 'red' }, 'strict']) {
      await expectError(await call('/v1/account', { method: 'PATCH', key: acct.key, json: { safetyDefault } }), 400, 'invalid_request');
    }
    await expectError(await call('/v1/items', { key: 'clr_not-a-key' }), 401);
  });
});

describe('collections and manifests', () => {
  async function collectionOf(key: string, itemIds: string[]) {
    const res = await call('/v1/collections', { method: 'POST', key, json: { name: 'safe set' } });
    const { collection } = (await res.json()) as { collection: { id: string } };
    expect((await call(`/v1/collections/${collection.id}/items`, { method: 'POST', key, json: { itemIds } })).status).toBe(200);
    return collection.id;
  }

  it('a manifest fetched with a threshold never lists an item above it, in any format, and names its filter', async () => {
    const { items } = await seedScored();
    const acct = await newAccount('curation');
    const id = await collectionOf(acct.key, items.map((i) => i.id));
    for (const t of ['0', '0.05', '0.2', '0.5', '1']) {
      const limit = Number(t);
      const expected = items.filter((i) => i.scores.nsfw !== null && i.scores.nsfw <= limit).map((i) => i.id).sort();
      const jsonl = await call(`/v1/collections/${id}/manifest?maxNsfw=${t}`, { key: acct.key });
      expect([jsonl.headers.get('Clearance-Filter'), jsonl.headers.get('Clearance-Filter-From')]).toEqual([`maxNsfw=${limit}`, 'request']);
      const rows = (await jsonl.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; nsfw: number | null; filter: string });
      expect(rows.map((r) => r.id).sort(), t).toEqual(expected);
      for (const r of rows) {
        expect(r.nsfw).not.toBeNull();
        expect(r.nsfw!).toBeLessThanOrEqual(limit);
        expect(r.filter).toBe(`maxNsfw=${limit}`);
      }
      const csv = (await (await call(`/v1/collections/${id}/manifest?maxNsfw=${t}&format=csv`, { key: acct.key })).text()).trim().split('\r\n');
      const col = csv[0]!.split(',').indexOf('nsfw');
      expect(csv.slice(1).map((l) => Number(l.split(',')[col]))).toHaveLength(expected.length);
      for (const l of csv.slice(1)) expect(Number(l.split(',')[col])).toBeLessThanOrEqual(limit);
      const pq = await (await call(`/v1/collections/${id}/manifest?maxNsfw=${t}&format=parquet`, { key: acct.key })).arrayBuffer();
      const pqRows = (await parquetReadObjects({ file: pq })) as { id: string; nsfw: number }[];
      expect(pqRows.map((r) => r.id).sort()).toEqual(expected);
      for (const r of pqRows) expect(r.nsfw).toBeLessThanOrEqual(limit);
      const meta = parquetMetadata(pq).key_value_metadata?.find((kv) => kv.key === 'clearance.filter');
      expect(JSON.parse(meta!.value!)).toMatchObject({ maxNsfw: limit, from: 'request', summary: `maxNsfw=${limit}` });
    }
  });

  it('the account default changes what collection lists and manifests contain; the list says what it left out', async () => {
    const { items, ids } = await seedScored();
    const acct = await newAccount('curation');
    const id = await collectionOf(acct.key, items.map((i) => i.id));
    const before = (await (await call(`/v1/collections/${id}`, { key: acct.key })).json()) as { items: { id: string }[]; excluded: number; filter: { summary: string } };
    expect([before.items.length, before.excluded, before.filter.summary]).toEqual([SPECS.length, 0, 'none']);
    const manifestIds = async (q = '') => (await (await call(`/v1/collections/${id}/manifest${q}`, { key: acct.key })).text()).trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id).sort();
    expect(await manifestIds()).toEqual(ids(() => true));

    await call('/v1/account', { method: 'PATCH', key: acct.key, json: { safetyDefault: { maxNsfw: 0.2, faces: 'none', textPii: false } } });
    const keep = (s: Scores) => s.nsfw !== null && s.nsfw <= 0.2 && s.faces === 0 && s.textPii === false;
    const after = (await (await call(`/v1/collections/${id}`, { key: acct.key })).json()) as { items: { id: string }[]; excluded: number; filter: { from: string } };
    expect(after.items.map((i) => i.id).sort()).toEqual(ids(keep));
    expect(after.excluded).toBe(SPECS.length - ids(keep).length);
    expect(after.filter.from).toBe('account');
    const res = await call(`/v1/collections/${id}/manifest`, { key: acct.key });
    expect([res.headers.get('Clearance-Filter'), res.headers.get('Clearance-Filter-From')]).toEqual(['maxNsfw=0.2&faces=none&textPii=false', 'account']);
    expect(await manifestIds()).toEqual(ids(keep));
    expect(await manifestIds('?faces=any&textPii=any&maxNsfw=any')).toEqual(ids(() => true));
    expect(await manifestIds('?includeUnscored=true')).toEqual(ids((s) => (s.nsfw === null || s.nsfw <= 0.2) && (s.faces === null || s.faces === 0) && s.textPii === false));
    await expectError(await call(`/v1/collections/${id}/manifest?maxNsfw=1.5`, { key: acct.key }), 400);
  });
});
