// Item queries: search and filters over live items as SQL conditions, and the key that binds a cursor to its query.
import { and, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { items } from '../db/schema.js';
import { ftsMatch } from './fts-query.js';
import type { ItemQuery } from './query-key.js';
import { safetyParts, type SafetyFilter } from './safety-filter.js';

export { queryKey, type ItemQuery } from './query-key.js';

/**
 * A query's conditions in two parts. `seek`: status, at most one single-value equality filter and the search, which
 * an index (or the FTS bloom filter) serves in id order. `residual`: everything else (ranges, lists of values, limits
 * that keep unscored items), which no index serves in id order: a listing checks them on a window of rows read in id
 * order rather than sorting every match (see items.ts).
 */
export interface QueryParts {
  seek: SQL[];
  residual: SQL[];
}

const COLUMNS = { source: items.source, release: items.release, licence: items.licence, format: items.format } as const;

export function queryParts(q: ItemQuery, safety: SafetyFilter): QueryParts {
  const seek: SQL[] = [eq(items.status, 'live')];
  const residual: SQL[] = [];
  let seeking = false;
  for (const [name, col] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]][]) {
    const values = q[name];
    if (!values?.length) continue;
    if (values.length === 1 && !seeking) {
      seek.push(eq(col, values[0]!));
      seeking = true;
    } else residual.push(values.length === 1 ? eq(col, values[0]!) : inArray(col, values));
  }
  if (q.minWidth !== undefined) residual.push(gte(items.width, q.minWidth));
  if (q.minHeight !== undefined) residual.push(gte(items.height, q.minHeight));
  if (q.q !== undefined) seek.push(sql`"items"."rowid" IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ${ftsMatch(q.q)})`);
  // faces = 0 and text_pii = 0 are equalities with (status, column, id) indexes; a nudity limit is a range, and keeping
  // unscored items makes each an OR.
  const s = safetyParts(safety);
  if (s.nsfw) residual.push(s.nsfw);
  for (const c of [s.faces, s.textPii]) if (c) (safety.includeUnscored ? residual : seek).push(c);
  return { seek, residual };
}

/** All conditions of a query, for plans that need every one at once (facets, collection fills, fallbacks). */
export const queryConditions = (q: ItemQuery, safety: SafetyFilter): SQL[] => {
  const { seek, residual } = queryParts(q, safety);
  return [...seek, ...residual];
};

export const whereOf = (conds: SQL[]): SQL => and(...conds)!;
