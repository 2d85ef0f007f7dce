// Catalogue items as the edge serves them: paged listing of live items, lookup, public shape.
import { and, asc, eq, gt } from 'drizzle-orm';
import { items } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { base64url } from './crypto.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { setFacts } from './item-facts.js';

export type Item = typeof items.$inferSelect;

export function publicItem(i: Item) {
  return {
    id: i.id,
    title: i.title,
    sha256: i.sha256,
    contentType: i.contentType,
    bytes: i.bytes,
    licence: i.licence,
    rightsHolder: i.rightsHolder,
    priceMicros: i.priceMicros,
    release: i.release,
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

function decodeCursor(cursor: string): string {
  try {
    const s = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    return decodeURIComponent(escape(s));
  } catch {
    throw badRequest('invalid cursor');
  }
}

function encodeCursor(id: string): string {
  return base64url(new TextEncoder().encode(id));
}

export async function listItems(db: Db, limit: number, cursor?: string) {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const rows = await db
    .select()
    .from(items)
    .where(after === undefined ? eq(items.status, 'live') : and(eq(items.status, 'live'), gt(items.id, after)))
    .orderBy(asc(items.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  for (const i of page) setFacts(i.id, i);
  const last = page[page.length - 1];
  return { items: page.map(publicItem), cursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
