// listItems with residual filters (ranges, lists, unscored): pages read from the id-order window, and rarer filters
// continue past it through the planner; either way the pages equal the brute-force answer (small windows force both).
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../edge/src/db/schema.js';
import { listItems } from '../../../edge/src/services/items.js';
import type { ItemQuery } from '../../../edge/src/services/item-query.js';
import { resolveSafety, type SafetyOverrides } from '../../../edge/src/services/safety-filter.js';
import { seedItem, uid } from '../helpers.js';

const db = drizzle(env.DB, { schema });

describe('listing through the id-order window', () => {
  it('gives the brute-force pages for every window size, filter and page size', async () => {
    const source = uid('w').replace(/[^a-z0-9]/g, '');
    const specs = Array.from({ length: 30 }, (_, i) => ({ id: `${source}:${String(i).padStart(2, '0')}`, width: 100 + ((i * 37) % 30) * 100, licence: ['cc0-1.0', 'pdm-1.0', 'optin'][i % 3]!, nsfw: i % 7 === 0 ? null : ((i * 13) % 10) / 10, faces: i % 5 === 0 ? null : i % 4 }));
    for (const s of specs) await seedItem({ source, ...s, ...(s.licence === 'optin' ? { rightsHolder: 'RH' } : {}) });
    const cases: [ItemQuery, SafetyOverrides, (s: (typeof specs)[number]) => boolean][] = [
      [{ minWidth: 2500 }, {}, (s) => s.width >= 2500],
      [{ minWidth: 2900 }, {}, (s) => s.width >= 2900],
      [{ licence: ['pdm-1.0', 'optin'] }, {}, (s) => s.licence !== 'cc0-1.0'],
      [{}, { maxNsfw: 0.3 }, (s) => s.nsfw !== null && s.nsfw <= 0.3],
      [{}, { faces: 'none', includeUnscored: true }, (s) => s.faces === null || s.faces === 0],
      [{ minWidth: 1000, licence: ['cc0-1.0', 'optin'] }, { maxNsfw: 0.5 }, (s) => s.width >= 1000 && s.licence !== 'pdm-1.0' && s.nsfw !== null && s.nsfw <= 0.5],
      [{ minWidth: 99_999 }, {}, () => false],
    ];
    for (const [query, overrides, keep] of cases) {
      const expected = specs.filter(keep).map((s) => s.id);
      const safety = resolveSafety(null, overrides);
      for (const window of [1, 2, 5, 50]) {
        for (const limit of [1, 3, 100]) {
          const got: string[] = [];
          let cursor: string | undefined;
          for (let n = 0; n < 100; n++) {
            const page = await listItems(db, { ...query, source: [source] }, safety, { limit, cursor, window });
            got.push(...page.items.map((i) => i.id));
            if (!page.cursor) break;
            cursor = page.cursor;
          }
          expect(got, JSON.stringify({ query, overrides, window, limit })).toEqual(expected);
        }
      }
    }
  });
});
