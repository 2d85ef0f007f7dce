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

const COLUMN = { source: items.source, licence: items.licence, format: items.format, release: items.release } as const;

/** Counts of the items the conditions keep per value of one field. */
function facetQuery(db: Db, conds: SQL[], f: FacetField) {
  const count = sql<number>`count(*)`.mapWith(Number);
  return db.select({ value: COLUMN[f], count }).from(items).where(whereOf(conds)).groupBy(COLUMN[f]).orderBy(desc(count), COLUMN[f]).limit(FACET_VALUES);
}

/** One GROUP BY per field over the items the conditions keep (run them in the listing's batch). */
export const facetQueries = (db: Db, conds: SQL[], fields: readonly FacetField[]) => fields.map((f) => facetQuery(db, conds, f));

/** GET /v1/stats: live and withdrawn counts, and live items per source, licence, release and format. */
export async function catalogueStats(db: Db) {
  const live = [eq(items.status, 'live')];
  const count = sql<number>`count(*)`.mapWith(Number);
  const [status, sources, licences, releases, formats] = await db.batch([
    db.select({ value: items.status, count }).from(items).groupBy(items.status),
    facetQuery(db, live, 'source'),
    facetQuery(db, live, 'licence'),
    facetQuery(db, live, 'release'),
    facetQuery(db, live, 'format'),
  ]);
  const n = (s: string) => status.find((r) => r.value === s)?.count ?? 0;
  return { items: { live: n('live'), withdrawn: n('withdrawn') }, sources, licences, releases, formats };
}
