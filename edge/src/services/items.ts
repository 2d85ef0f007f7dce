// Catalogue items as the edge serves them: filtered, searchable listing of live items by id, lookup, public shape.
import { asc, eq, gt } from 'drizzle-orm';
import { items } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { facetsOf, groupQuery, type FacetField, type Group } from './facets.js';
import { queryKey, queryParts, whereOf, type ItemQuery } from './item-query.js';
import { setFacts } from './item-facts.js';
import type { ResolvedFilter } from './safety-filter.js';

export type Item = typeof items.$inferSelect;

function tagsOf(json: string | null): string[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** The public shape: `sha256`, `bytes`, `width`, `height`, `format`, `contentType` are the served file's. */
export function publicItem(i: Item) {
  return {
    id: i.id,
    title: i.title,
    creator: i.creator,
    description: i.description,
    date: i.date,
    tags: tagsOf(i.tags),
    source: i.source,
    sourceUrl: i.sourceUrl,
    imageUrl: i.imageUrl,
    retrievedAt: i.retrievedAt,
    release: i.release,
    licence: i.licence,
    licenceUrl: i.licenceUrl,
    rightsHolder: i.rightsHolder,
    priceMicros: i.priceMicros,
    sha256: i.sha256,
    sourceSha256: i.sourceSha256,
    contentType: i.contentType,
    format: i.format,
    bytes: i.bytes,
    width: i.width,
    height: i.height,
    safety: { nsfw: i.nsfw, faces: i.faces, faceScore: i.faceScore, textPii: i.textPii },
    thumbUrl: `/files/${i.thumbKey}`,
    downloadUrl: `/v1/items/${encodeURIComponent(i.id)}/download`,
  };
}

export const withdrawnError = () =>
  new ApiError(451, 'withdrawn', 'this item was withdrawn and is no longer available');

/** An item by id; a live one's storage facts go to the isolate's cache (its download can then start R2 at once). */
async function findItem(db: Db, id: string): Promise<Item | undefined> {
  const item = await db.select().from(items).where(eq(items.id, id)).get();
  if (item?.status === 'live') setFacts(item.id, item);
  return item;
}

/** A live item, or 404 when unknown and 451 when withdrawn. */
export async function getLiveItem(db: Db, id: string): Promise<Item> {
  const item = await findItem(db, id);
  if (!item) throw notFound('item');
  if (item.status !== 'live') throw withdrawnError();
  return item;
}

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
  facets?: FacetField[] | undefined;
  /** Rows of the id-order window (default WINDOW; tests use a small one). */
  window?: number | undefined;
}

/** Rows a listing with residual filters (ranges, lists, unscored) reads in id order before it asks the planner. */
export const WINDOW = 4000;

/**
 * A page of live items matching a query and a safety filter, in id order. The opaque cursor names the last id and
 * the query it belongs to: the next page continues after that id under the same query, however the table changed.
 * Residual filters (see queryParts) are checked on a window of WINDOW rows read in id order: a filter that keeps more
 * than ~1 % of them fills a page there without sorting its matches; for a rarer one (or the last page) the planner's
 * index answers the page (few matches, a small sort). Facets count every match in the same D1 batch.
 */
export async function listItems(db: Db, query: ItemQuery, safety: ResolvedFilter, opts: ListOptions) {
  const key = queryKey(query, safety.summary);
  let after: string | undefined;
  if (opts.cursor !== undefined) {
    const [version, id, forKey] = decodeCursor(opts.cursor, 3);
    if (version !== 'i1') throw badRequest('invalid cursor');
    if (forKey !== key) throw badRequest('cursor: it belongs to another query (search, filters or safety default changed); start again without it');
    after = id;
  }
  const { seek, residual } = queryParts(query, safety.filter);
  const from = (id: string | undefined) => (id === undefined ? [] : [gt(items.id, id)]);
  const want = opts.limit + 1;
  const all = [...seek, ...residual];
  const facetFields = opts.facets ?? [];
  const facetQs = facetFields.length ? [groupQuery(db, all, facetFields)] : [];
  const plain = (id: string | undefined, n: number) => db.select().from(items).where(whereOf([...all, ...from(id)])).orderBy(asc(items.id)).limit(n);
  let rows: Item[];
  let counts: unknown[][];
  if (!residual.length || query.q !== undefined) {
    [rows, ...counts] = await db.batch([plain(after, want), ...facetQs]);
  } else {
    const seekFrom = whereOf([...seek, ...from(after)]);
    const size = opts.window ?? WINDOW;
    const window = db.select().from(items).where(seekFrom).orderBy(asc(items.id)).limit(size).as('items');
    [rows, ...counts] = await db.batch([db.select().from(window).where(whereOf(residual)).orderBy(asc(window.id)).limit(want), ...facetQs]);
    // A rare filter (or the last page): the planner's index answers the whole page in one statement, so a row
    // published or withdrawn between the two reads can neither repeat nor be skipped.
    if (rows.length < want) rows = await plain(after, want);
  }
  const shown = rows.slice(0, opts.limit);
  for (const i of shown) setFacts(i.id, i);
  const last = shown[shown.length - 1];
  const facets = facetFields.length ? await facetsOf(db, all, facetFields, counts[0] as Group[]) : undefined;
  return {
    items: shown.map(publicItem),
    cursor: rows.length > opts.limit && last ? encodeCursor(['i1', last.id, key]) : null,
    ...(facets ? { facets } : {}),
  };
}
