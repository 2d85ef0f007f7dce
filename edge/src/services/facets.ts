// Counts of live items by source, licence, format and release: facets of a query, and the catalogue's stats.
// One GROUP BY over every requested field at once (one read of the matches), summed per field here.
import { sql, type SQL } from 'drizzle-orm';
import { items } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { whereOf } from './item-query.js';

export const FACET_FIELDS = ['source', 'licence', 'format', 'release'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];
export type Count = { value: string | null; count: number };
export type Facets = Partial<Record<FacetField, Count[]>>;

/** Values shown per facet, most frequent first. */
export const FACET_VALUES = 100;
/** Combinations of values one grouped read may return; past it, each field is counted on its own. */
export const MAX_GROUPS = 20_000;

type Field = FacetField | 'status';
// Columns named as SQL (not drizzle columns): the counts read from an index hint, not from the table object.
const COLUMN: Record<Field, SQL<string | null>> = {
  status: sql`"items"."status"`, source: sql`"items"."source"`, licence: sql`"items"."licence"`, format: sql`"items"."format"`, release: sql`"items"."release"`,
};
/** The index holding every filtered column (schema.ts): a count reads it alone, never the table's rows. */
const COVERING = sql`"items" INDEXED BY "items_facets"`;

export type Group = Record<string, string | number | null> & { n: number };

/** Matches grouped by every field at once: from the covering index, unless one field under status alone, which
 *  its narrower (status, field, id) index serves. */
export function groupQuery(db: Db, conds: SQL[], fields: readonly Field[], limit = MAX_GROUPS + 1) {
  const cols = fields.map((f) => COLUMN[f]);
  const select = Object.fromEntries([...fields.map((f) => [f, COLUMN[f]]), ['n', sql<number>`count(*)`.mapWith(Number)]]) as Record<string, SQL>;
  const from = conds.length > 1 || fields.length > 1 ? COVERING : items;
  const q = db.select(select).from(from);
  return (conds.length ? q.where(whereOf(conds)) : q).groupBy(...cols).limit(limit);
}

/** Per field: the counts of its values over the groups, largest first (ties by value), at most FACET_VALUES. */
export function sumGroups(groups: Group[], fields: readonly Field[]): Record<string, Count[]> {
  const out: Record<string, Count[]> = {};
  for (const f of fields) {
    const m = new Map<string | null, number>();
    for (const g of groups) m.set(g[f] as string | null, (m.get(g[f] as string | null) ?? 0) + g.n);
    out[f] = [...m].map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, FACET_VALUES);
  }
  return out;
}

/** Facets of a query from one grouped read (`groups`, run in the listing's batch); when the combinations pass
 *  MAX_GROUPS, each field is counted on its own. */
export async function facetsOf(db: Db, conds: SQL[], fields: readonly FacetField[], groups: Group[]): Promise<Facets> {
  if (groups.length <= MAX_GROUPS) return sumGroups(groups, fields);
  const each = await Promise.all(fields.map((f) => groupQuery(db, conds, [f], FACET_VALUES * 100)));
  return Object.fromEntries(fields.map((f, i) => [f, sumGroups(each[i] as Group[], [f])[f]!]));
}

/** GET /v1/stats: live and withdrawn counts, and live items per source, licence, release and format. */
export async function catalogueStats(db: Db) {
  const live = [sql`"items"."status" = 'live'`];
  const fields = ['source', 'licence', 'release', 'format'] as const;
  const [status, groups] = await db.batch([groupQuery(db, [], ['status']), groupQuery(db, live, fields)]);
  const counts = await facetsOf(db, live, fields, groups as Group[]);
  const n = (s: string) => Number((status as Group[]).find((g) => g.status === s)?.n ?? 0);
  return { items: { live: n('live'), withdrawn: n('withdrawn') }, sources: counts.source!, licences: counts.licence!, releases: counts.release!, formats: counts.format! };
}
