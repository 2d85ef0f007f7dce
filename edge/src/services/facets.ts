// Counts of live items by source, licence, format and release: facets of a query, and the catalogue's stats.
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { items } from '../db/schema.js';
import type { Db } from '../env.js';
import { whereOf } from './item-query.js';

export const FACET_FIELDS = ['source', 'licence', 'format', 'release'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];
export type Facets = Partial<Record<FacetField, { value: string | null; count: number }[]>>;

/** Values shown per facet, most frequent first. */
export const FACET_VALUES = 100;

// Columns named as SQL (not drizzle columns): the counts read from an index hint, not from the table object.
const COLUMN = { source: sql<string | null>`"items"."source"`, licence: sql<string | null>`"items"."licence"`, format: sql<string | null>`"items"."format"`, release: sql<string | null>`"items"."release"` } as const;

/** The index holding every filtered column (schema.ts): a count reads it alone, never the table's rows. */
const COVERING = sql`"items" INDEXED BY "items_facets"`;

/** Counts of the items the conditions keep per value of one field: with filters, from the covering index (one index
 *  read, no row lookups); with none but status, the planner's (status, field, id) index is narrower. */
function facetQuery(db: Db, conds: SQL[], f: FacetField) {
  const count = sql<number>`count(*)`.mapWith(Number);
  return db.select({ value: COLUMN[f], count }).from(conds.length > 1 ? COVERING : items).where(whereOf(conds)).groupBy(COLUMN[f]).orderBy(desc(count), COLUMN[f]).limit(FACET_VALUES);
}

/** One GROUP BY per field over the items the conditions keep (run them in the listing's batch). */
export const facetQueries = (db: Db, conds: SQL[], fields: readonly FacetField[]) => fields.map((f) => facetQuery(db, conds, f));

/** GET /v1/stats: live and withdrawn counts, and live items per source, licence, release and format. */
export async function catalogueStats(db: Db) {
  const live = [eq(items.status, 'live')];
  const count = sql<number>`count(*)`.mapWith(Number);
  const [status, sources, licences, releases, formats] = await db.batch([
    db.select({ value: sql<string>`"items"."status"`, count }).from(items).groupBy(sql`"items"."status"`),
    facetQuery(db, live, 'source'),
    facetQuery(db, live, 'licence'),
    facetQuery(db, live, 'release'),
    facetQuery(db, live, 'format'),
  ]);
  const n = (s: string) => status.find((r) => r.value === s)?.count ?? 0;
  return { items: { live: n('live'), withdrawn: n('withdrawn') }, sources, licences, releases, formats };
}
