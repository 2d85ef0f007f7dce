// GET /v1/items search and filters: full-text search (FTS5 kept in step by triggers), each filter, facets, paging
// that stays stable under filters with a cursor bound to its query, clear 400s, and GET /v1/stats.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, seedItem, uid, type SeedOptions } from '../helpers.js';

type Item = { id: string; title: string; licence: string; format: string | null; width: number | null; height: number | null; release: string; source: string | null; safety: { nsfw: number | null } };
type Page = { items: Item[]; cursor: string | null; filter: { summary: string; from: string }; facets?: Record<string, { value: string | null; count: number }[]> };

const word = () => uid('w').replace(/[^a-z0-9]/g, '');
async function list(query: string, key?: string): Promise<Page> {
  const res = await call(`/v1/items?${query}`, key ? { key } : {});
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}
/** Every page of a query (limit 2, so paging is exercised), checking the ids come in ascending order without repeats. */
async function all(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 100; n++) {
    const page: Page = await list(`${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.items.map((i) => i.id));
    cursor = page.cursor;
    if (!cursor) break;
  }
  expect([...ids].sort()).toEqual(ids);
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

/** A set of items in a source of its own, each with the facts given. */
async function seedSet(specs: SeedOptions[]) {
  const source = word();
  const seeded: (Awaited<ReturnType<typeof seedItem>> & { spec: SeedOptions })[] = [];
  for (const s of specs) seeded.push({ ...(await seedItem({ source, ...s })), spec: { source, ...s } });
  return { source, seeded, ids: (keep: (s: SeedOptions) => boolean) => seeded.filter((x) => keep(x.spec)).map((x) => x.id).sort() };
}

describe('search', () => {
  it('finds words in title, creator, tags and description (stemmed, accents ignored, prefixes), all words required, live items only', async () => {
    // `a` ends in letters the porter stemmer leaves alone, so its prefix below stays longer than the counter part of
    // the words (a prefix ending in, say, "s" was stemmed short enough to match b, c and d too).
    const [a, b, c, d] = [`${word()}xq`, word(), word(), word()];
    const byTitle = await seedItem({ title: `Watercolour of ${a} apples` });
    const byCreator = await seedItem({ creator: `Deborah ${b} Passmore` });
    const byTag = await seedItem({ tags: ['fruit', c] });
    const byDescription = await seedItem({ description: `A pear (${d}) from Crème orchards` });
    const gone = await seedItem({ title: `Withdrawn ${a}`, status: 'withdrawn' });
    expect((await list(`q=${a}`)).items.map((i) => i.id)).toEqual([byTitle.id]);
    expect((await list(`q=${b}`)).items.map((i) => i.id)).toEqual([byCreator.id]);
    expect((await list(`q=${c}`)).items.map((i) => i.id)).toEqual([byTag.id]);
    expect((await list(`q=${d}`)).items.map((i) => i.id)).toEqual([byDescription.id]);
    expect((await list(`q=${encodeURIComponent(`${a} apple`)}`)).items.map((i) => i.id)).toEqual([byTitle.id]); // stemmed
    expect((await list(`q=${encodeURIComponent(`${d} creme`)}`)).items.map((i) => i.id)).toEqual([byDescription.id]); // accents
    expect((await list(`q=${encodeURIComponent(`${a.slice(0, -1)}*`)}`)).items.map((i) => i.id)).toEqual([byTitle.id]); // prefix
    expect((await list(`q=${encodeURIComponent(`${a} ${b}`)}`)).items).toEqual([]); // every word must match
    expect(JSON.stringify(await list(`q=${a}`))).not.toContain(gone.id);
  });

  it('treats FTS syntax as plain words (never a 500; `OR` is a word too) and refuses a query without words', async () => {
    const a = word();
    const item = await seedItem({ title: `Plain ${a}` });
    for (const q of [`"${a}`, `plain:${a}`, `(${a} plain`, `${a})`, `-${a}`, `${a} ^`, `{${a}}`, `${a} AND plain`.replace('AND', '+'), `'${a}'`]) {
      const page = await list(`q=${encodeURIComponent(q)}`);
      expect(page.items.map((i) => i.id), q).toContain(item.id);
    }
    expect((await list(`q=${encodeURIComponent(`${a} OR nothing`)}`)).items).toEqual([]);
    for (const q of ['***', '""', ' - ', `${'x '.repeat(17)}`]) await expectError(await call(`/v1/items?q=${encodeURIComponent(q)}`), 400, 'invalid_request');
  });

  it('keeps the index in step with inserts, updates of the text and deletes', async () => {
    const [before, after] = [word(), word()];
    const item = await seedItem({ title: `Old ${before}` });
    expect((await list(`q=${before}`)).items).toHaveLength(1);
    // what a re-publish does: an upsert that changes the title
    await env.DB.prepare(`INSERT INTO items (id, title, sha256, original_key, thumb_key, content_type, bytes, licence, release, updated_at)
      VALUES (?, ?, 'x', 'x', 'x', 'image/jpeg', 1, 'cc0-1.0', 'r', 'now') ON CONFLICT(id) DO UPDATE SET title = excluded.title`).bind(item.id, `New ${after}`).run();
    expect((await list(`q=${before}`)).items).toEqual([]);
    expect((await list(`q=${after}`)).items.map((i) => i.id)).toEqual([item.id]);
    await env.DB.prepare('UPDATE items SET price_micros = 5 WHERE id = ?').bind(item.id).run(); // other columns: index untouched
    expect((await list(`q=${after}`)).items.map((i) => i.id)).toEqual([item.id]);
    await env.DB.prepare('DELETE FROM items WHERE id = ?').bind(item.id).run();
    expect((await list(`q=${after}`)).items).toEqual([]);
    const check = await env.DB.prepare(`INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)`).run();
    expect(check.success).toBe(true);
  });
});

describe('filters', () => {
  const specs: SeedOptions[] = [
    { licence: 'cc0-1.0', format: 'jpeg', width: 800, height: 600, release: 'r1', nsfw: 0.01, faces: 0, textPii: false },
    { licence: 'pdm-1.0', format: 'png', width: 1200, height: 1600, release: 'r1', nsfw: 0.4, faces: 2, textPii: false },
    { licence: 'cc0-1.0', format: 'png', width: 3000, height: 2000, release: 'r2', nsfw: 0.15, faces: 0, textPii: true },
    { licence: 'optin', rightsHolder: 'RH', format: 'webp', width: 640, height: 480, release: 'r2', nsfw: null, faces: null, textPii: false },
    { licence: 'pdm-1.0', format: 'jpeg', width: 2048, height: 1024, release: 'r1', nsfw: 0.9, faces: 1, textPii: false },
    { licence: 'cc0-1.0', format: 'jpeg', width: 1024, height: 2048, release: 'r2', nsfw: 0.2, faces: 0, textPii: false },
    { licence: 'cc0-1.0', format: 'jpeg', width: 500, height: 500, release: 'r1', nsfw: 0.05, faces: 0, textPii: false, status: 'withdrawn' },
  ];

  it('each filter keeps exactly the live items it names; filters combine; lists match any of their values', async () => {
    const set = await seedSet(specs);
    const live = (s: SeedOptions) => s.status !== 'withdrawn';
    const cases: [string, (s: SeedOptions) => boolean][] = [
      ['', () => true],
      ['licence=cc0-1.0', (s) => s.licence === 'cc0-1.0'],
      ['licence=cc0-1.0,optin', (s) => s.licence === 'cc0-1.0' || s.licence === 'optin'],
      ['format=png', (s) => s.format === 'png'],
      ['format=jpeg,webp', (s) => s.format === 'jpeg' || s.format === 'webp'],
      ['release=r2', (s) => s.release === 'r2'],
      ['minWidth=1024', (s) => s.width! >= 1024],
      ['minHeight=1600', (s) => s.height! >= 1600],
      ['minWidth=1000&minHeight=1000', (s) => s.width! >= 1000 && s.height! >= 1000],
      ['maxNsfw=0.2', (s) => s.nsfw !== null && s.nsfw! <= 0.2],
      ['maxNsfw=0.2&includeUnscored=true', (s) => s.nsfw === null || s.nsfw! <= 0.2],
      ['faces=none', (s) => s.faces === 0],
      ['faces=none&includeUnscored=true', (s) => s.faces === 0 || s.faces === null],
      ['textPii=false', (s) => s.textPii === false],
      ['licence=cc0-1.0&release=r1&format=jpeg', (s) => s.licence === 'cc0-1.0' && s.release === 'r1' && s.format === 'jpeg'],
      ['maxNsfw=0.3&faces=none&textPii=false&minWidth=800', (s) => s.nsfw !== null && s.nsfw! <= 0.3 && s.faces === 0 && s.textPii === false && s.width! >= 800],
    ];
    for (const [query, keep] of cases) {
      expect(await all(`source=${set.source}&${query}`), query).toEqual(set.ids((s) => live(s) && keep(s)));
    }
    // another source's items never leak in; a list of sources unions them
    const other = await seedSet([{ licence: 'cc0-1.0' }]);
    expect(await all(`source=${set.source},${other.source}&licence=cc0-1.0`)).toEqual([...set.ids((s) => live(s) && s.licence === 'cc0-1.0'), ...other.ids(() => true)].sort());
  });

  it('counts facets under the same filters', async () => {
    const set = await seedSet(specs);
    const page = await list(`source=${set.source}&minWidth=800&facets=licence,format,release,source&limit=1`);
    expect(page.items).toHaveLength(1);
    const kept = set.seeded.filter((x) => x.spec.status !== 'withdrawn' && x.spec.width! >= 800).map((x) => x.spec);
    const counts = (field: keyof SeedOptions) => {
      const m = new Map<string, number>();
      for (const s of kept) m.set(String(s[field]), (m.get(String(s[field])) ?? 0) + 1);
      return m;
    };
    for (const field of ['licence', 'format', 'release', 'source'] as const) {
      const got = page.facets![field]!;
      expect(new Map(got.map((f) => [f.value, f.count])), field).toEqual(counts(field));
      expect(got.map((f) => f.count)).toEqual([...got.map((f) => f.count)].sort((x, y) => y - x)); // largest first
    }
    expect((await list(`source=${set.source}`)).facets).toBeUndefined();
  });

  it('pages stably: a cursor continues after its last id under the same query, and is refused under another', async () => {
    const p = word();
    const id = (n: number) => `${p}:${n}`;
    const set = await seedSet(Array.from({ length: 7 }, (_, i) => ({ id: id(10 * (i + 1)), licence: i % 2 ? 'pdm-1.0' : 'cc0-1.0' })));
    const q = `source=${set.source}&licence=cc0-1.0&limit=2`;
    const first = await list(q);
    expect(first.items.map((i) => i.id)).toEqual([id(10), id(30)]);
    // items added meanwhile: one before the cursor (not on later pages), one after it (on them); no repeats
    await seedItem({ source: set.source, licence: 'cc0-1.0', id: id(25) });
    await seedItem({ source: set.source, licence: 'cc0-1.0', id: id(55) });
    const rest: string[] = [];
    let cursor = first.cursor;
    while (cursor) {
      const page: Page = await list(`${q}&cursor=${cursor}`);
      rest.push(...page.items.map((i) => i.id));
      cursor = page.cursor;
    }
    expect(rest).toEqual([id(50), id(55), id(70)]);
    // the cursor belongs to its query
    await expectError(await call(`/v1/items?source=${set.source}&licence=pdm-1.0&cursor=${first.cursor}`), 400, 'invalid_request');
    await expectError(await call(`/v1/items?source=${set.source}&licence=cc0-1.0&maxNsfw=0.5&cursor=${first.cursor}`), 400);
    await expectError(await call(`/v1/items?${q}&cursor=${first.cursor!.slice(0, -2)}`), 400);
    await expectError(await call(`/v1/items?${q}&cursor=${btoa('["i1","x"]')}`), 400);
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const bad = ['licence=cc-by', 'licence=cc0-1.0,', 'format=bmp', 'minWidth=0', 'minWidth=abc', 'minHeight=1.5', 'maxNsfw=2', 'maxNsfw=-0.1', 'maxNsfw=high',
      'faces=some', 'textPii=true', 'includeUnscored=yes', 'facets=colour', 'facets=source,source,source,source,source', 'limit=501', `source=${'x,'.repeat(20)}x`, `q=${'x'.repeat(201)}`];
    for (const q of bad) {
      const err = await expectError(await call(`/v1/items?${q}`), 400, 'invalid_request');
      expect(err.message, q).toContain(q.split('=')[0]!);
    }
  });
});

describe('GET /v1/stats', () => {
  it('counts live items per source, licence, release and format, and live and withdrawn items', async () => {
    const set = await seedSet([{ licence: 'cc0-1.0', release: 'stats-r' }, { licence: 'pdm-1.0', release: 'stats-r' }, { licence: 'cc0-1.0', release: 'stats-r', status: 'withdrawn' }]);
    const res = await call('/v1/stats');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60');
    const stats = (await res.json()) as { items: { live: number; withdrawn: number }; sources: { value: string; count: number }[]; licences: { value: string; count: number }[]; releases: { value: string; count: number }[]; formats: { value: string; count: number }[] };
    const truth = async (sql: string) => ((await env.DB.prepare(sql).first<{ n: number }>())!.n);
    expect(stats.items.live).toBe(await truth(`SELECT count(*) n FROM items WHERE status = 'live'`));
    expect(stats.items.withdrawn).toBe(await truth(`SELECT count(*) n FROM items WHERE status = 'withdrawn'`));
    expect(stats.sources.find((s) => s.value === set.source)?.count).toBe(2);
    expect(stats.releases.find((s) => s.value === 'stats-r')?.count).toBe(2);
    for (const l of stats.licences) expect(l.count).toBe(await truth(`SELECT count(*) n FROM items WHERE status = 'live' AND licence = '${l.value}'`));
    expect(stats.formats.reduce((a, f) => a + f.count, 0)).toBe(stats.items.live);
  });
});

describe('OpenAPI', () => {
  it('documents the search and filter parameters, facets, stats and the fill-from-query body', async () => {
    type Op = { parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, unknown> };
    const doc = (await (await call('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const names = (path: string, method = 'get') => (doc.paths[path]?.[method]?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(names('/v1/items')).toEqual(expect.arrayContaining(['q', 'source', 'licence', 'format', 'release', 'minWidth', 'minHeight', 'maxNsfw', 'faces', 'textPii', 'includeUnscored', 'facets', 'limit', 'cursor']));
    expect(names('/v1/collections/{id}/manifest')).toEqual(expect.arrayContaining(['format', 'maxNsfw', 'faces', 'textPii', 'includeUnscored']));
    expect(names('/v1/collections/{id}')).toEqual(expect.arrayContaining(['maxNsfw', 'faces', 'textPii', 'includeUnscored']));
    expect(doc.paths['/v1/stats']?.get?.responses['200']).toBeTruthy();
    expect(JSON.stringify(doc.paths['/v1/collections/{id}/items']?.post?.requestBody)).toContain('query');
    expect(JSON.stringify(doc.paths['/v1/account']?.patch?.requestBody)).toContain('safetyDefault');
  });
});
