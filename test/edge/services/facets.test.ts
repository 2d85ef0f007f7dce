// Facet counting: one grouped read summed per field (largest first, ties by value, top FACET_VALUES), and the
// per-field fallback when the combinations pass MAX_GROUPS gives the same counts.
import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../edge/src/db/schema.js';
import { FACET_VALUES, facetsOf, groupQuery, MAX_GROUPS, sumGroups, type Group } from '../../../edge/src/services/facets.js';
import { seedItem, uid } from '../helpers.js';

const db = drizzle(env.DB, { schema });

describe('facets', () => {
  it('sums groups per field, largest first, ties by value, at most FACET_VALUES values', () => {
    const groups: Group[] = [
      { source: 'b', licence: 'cc0-1.0', n: 2 },
      { source: 'a', licence: 'pdm-1.0', n: 2 },
      { source: 'b', licence: 'pdm-1.0', n: 1 },
      { source: null, licence: 'cc0-1.0', n: 4 },
      ...Array.from({ length: FACET_VALUES + 5 }, (_, i) => ({ source: `z${String(i).padStart(3, '0')}`, licence: 'optin', n: 1 })),
    ];
    const s = sumGroups(groups, ['source', 'licence']);
    expect(s.source!.slice(0, 4)).toEqual([{ value: null, count: 4 }, { value: 'b', count: 3 }, { value: 'a', count: 2 }, { value: 'z000', count: 1 }]);
    expect(s.source).toHaveLength(FACET_VALUES);
    expect(s.licence).toEqual([{ value: 'optin', count: FACET_VALUES + 5 }, { value: 'cc0-1.0', count: 6 }, { value: 'pdm-1.0', count: 3 }]);
  });

  it('counts the same per field when the combinations pass MAX_GROUPS', async () => {
    const source = uid('f').replace(/[^a-z0-9]/g, '');
    const specs = [['cc0-1.0', 'r1'], ['cc0-1.0', 'r2'], ['pdm-1.0', 'r1'], ['cc0-1.0', 'r1']] as const;
    for (const [licence, release] of specs) await seedItem({ source, licence, release });
    const conds = [sql`"items"."status" = 'live'`, sql`"items"."source" = ${source}`];
    const grouped = (await groupQuery(db, conds, ['licence', 'release'])) as Group[];
    const direct = await facetsOf(db, conds, ['licence', 'release'], grouped);
    expect(direct).toEqual({ licence: [{ value: 'cc0-1.0', count: 3 }, { value: 'pdm-1.0', count: 1 }], release: [{ value: 'r1', count: 3 }, { value: 'r2', count: 1 }] });
    const tooMany = Array.from({ length: MAX_GROUPS + 1 }, () => ({ n: 999 }) as Group); // forces the per-field reads
    expect(await facetsOf(db, conds, ['licence', 'release'], tooMany)).toEqual(direct);
  });
});
