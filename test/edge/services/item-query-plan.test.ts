// Query plans of item listings (EXPLAIN QUERY PLAN on the Workers pool's D1): every filter is served by an index, and
// equality filters keep id order from their index (no sort of the matches); facets read the covering index alone;
// deep pages seek past the cursor.
import { env } from 'cloudflare:workers';
import { asc, gt } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../edge/src/db/schema.js';
import { groupQuery } from '../../../edge/src/services/facets.js';
import { queryConditions, whereOf, type ItemQuery } from '../../../edge/src/services/item-query.js';
import { NO_FILTER, type SafetyFilter } from '../../../edge/src/services/safety-filter.js';

const db = drizzle(env.DB, { schema });

async function plan(q: ItemQuery, safety: SafetyFilter = NO_FILTER, after?: string): Promise<string[]> {
  const conds = queryConditions(q, safety);
  const { sql, params } = db.select().from(schema.items).where(whereOf(after ? [...conds, gt(schema.items.id, after)] : conds)).orderBy(asc(schema.items.id)).limit(51).toSQL();
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

describe('listing query plans', () => {
  const cases: [string, ItemQuery, SafetyFilter?][] = [
    ['no filter', {}],
    ['source', { source: ['met'] }],
    ['licence', { licence: ['cc0-1.0'] }],
    ['format', { format: ['png'] }],
    ['release', { release: ['2026-11'] }],
    ['faces=none', {}, { ...NO_FILTER, faces: 'none' }],
    ['textPii=false', {}, { ...NO_FILTER, noTextPii: true }],
    ['minWidth', { minWidth: 1000 }],
    ['minHeight', { minHeight: 1000 }],
    ['maxNsfw', {}, { ...NO_FILTER, maxNsfw: 0.2 }],
    ['q', { q: 'apple' }],
  ];

  it('uses an index for every filter, and the id order of equality filters\' indexes', async () => {
    for (const [name, q, safety] of cases) {
      const lines = await plan(q, safety);
      console.log(`${name.padEnd(14)} ${lines.join(' | ')}`);
      const onItems = lines.filter((l) => /\bitems\b/.test(l) && !/items_fts/.test(l));
      expect(onItems.length, name).toBeGreaterThan(0);
      for (const l of onItems) expect(l, name).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY/);
      if (['no filter', 'source', 'licence', 'format', 'release', 'faces=none', 'textPii=false'].includes(name)) {
        expect(lines.join(' | '), name).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
      }
    }
  });

  it('counts facets from the covering index alone', async () => {
    for (const q of [{}, { licence: ['pdm-1.0'] }, { source: ['met'], minWidth: 1000 }, { q: 'apple' }] as ItemQuery[]) {
      for (const fields of [['source'], ['source', 'licence', 'format', 'release']] as const) {
        const { sql, params } = groupQuery(db, queryConditions(q, { ...NO_FILTER, maxNsfw: 0.5 }), fields).toSQL();
        const lines = (await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).bind(...params).all<{ detail: string }>()).results.map((r) => r.detail);
        expect(lines.filter((l) => /\bitems\b/.test(l) && !/items_fts/.test(l)).every((l) => /USING COVERING INDEX items_facets/.test(l)), `${JSON.stringify(q)}: ${lines.join(' | ')}`).toBe(true);
      }
    }
  });

  it('seeks past the cursor on deep pages', async () => {
    const lines = await plan({ source: ['met'] }, NO_FILTER, 'met:99999');
    expect(lines.join(' | ')).toMatch(/items_source \(status=\? AND source=\? AND id>\?\)/);
    expect((await plan({}, NO_FILTER, 'x')).join(' | ')).toMatch(/items_status \(status=\? AND id>\?\)/);
  });
});
