// Item queries: search and filters over live items as SQL conditions, and the key that binds a cursor to its query.
import { and, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { items } from '../db/schema.js';
import { ftsMatch } from './fts-query.js';
import { safetyConditions, type SafetyFilter } from './safety-filter.js';

/** Search and filters (each list matches any of its values; all given filters must hold). */
export interface ItemQuery {
  q?: string | undefined;
  source?: string[] | undefined;
  licence?: string[] | undefined;
  format?: string[] | undefined;
  release?: string[] | undefined;
  minWidth?: number | undefined;
  minHeight?: number | undefined;
}

const one = <T extends string>(col: Parameters<typeof eq>[0], values: T[] | undefined): SQL | undefined =>
  !values?.length ? undefined : values.length === 1 ? eq(col, values[0]!) : inArray(col, values);

/** Conditions on `items` (live only) for a query and a safety filter. */
export function queryConditions(q: ItemQuery, safety: SafetyFilter): SQL[] {
  const out: (SQL | undefined)[] = [
    eq(items.status, 'live'),
    one(items.source, q.source),
    one(items.licence, q.licence),
    one(items.format, q.format),
    one(items.release, q.release),
    q.minWidth === undefined ? undefined : gte(items.width, q.minWidth),
    q.minHeight === undefined ? undefined : gte(items.height, q.minHeight),
    q.q === undefined ? undefined : sql`"items"."rowid" IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ${ftsMatch(q.q)})`,
    ...safetyConditions(safety),
  ];
  return out.filter((c): c is SQL => c !== undefined);
}

export const whereOf = (conds: SQL[]): SQL => and(...conds)!;

/** A short, stable digest of a query and its safety summary: a cursor carries it and is refused under another query. */
export function queryKey(q: ItemQuery, safetySummary: string): string {
  const text = JSON.stringify([q.q ?? null, q.source ?? null, q.licence ?? null, q.format ?? null, q.release ?? null, q.minWidth ?? null, q.minHeight ?? null, safetySummary]);
  let h = 0x811c9dc5; // FNV-1a, 32 bits: a guard against mixing queries, not a secret
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}
