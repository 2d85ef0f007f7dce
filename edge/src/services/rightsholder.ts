// Rights holders: prices of their own items, a monthly statement and an audit of every download of their works
// (customers as per-holder pseudonyms).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { downloads, items } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { pseudonymsOf } from './pseudonyms.js';
import { ApiError, notFound } from './errors.js';

const mine = (names: string[]) => {
  if (names.length === 0) throw new ApiError(403, 'forbidden', 'this account speaks for no rights holder');
  return names;
};

export async function ownItems(db: Db, names: string[], limit: number) {
  return db
    .select({ id: items.id, title: items.title, rightsHolder: items.rightsHolder, priceMicros: items.priceMicros, priceSource: items.priceSource, status: items.status })
    .from(items)
    .where(inArray(items.rightsHolder, mine(names)))
    .orderBy(asc(items.id))
    .limit(limit);
}

/**
 * Sets the price of one of the rights holder's opted-in items. CC0 and public-domain works are free of a rights
 * holder's price whoever holds them: only `licence = optin` items take one (409 otherwise).
 */
export async function setPrice(db: Db, names: string[], itemId: string, priceMicros: number) {
  const item = await db.select({ rightsHolder: items.rightsHolder, licence: items.licence }).from(items).where(eq(items.id, itemId)).get();
  if (!item) throw notFound('item');
  if (!item.rightsHolder || !mine(names).includes(item.rightsHolder)) throw new ApiError(403, 'forbidden', 'not one of your items');
  if (item.licence !== 'optin') {
    throw new ApiError(409, 'not_optin', `only opted-in works take a price; this item is ${item.licence}, which is free of a rights holder's price`);
  }
  const [row] = await db
    .update(items)
    .set({ priceMicros, priceSource: 'rightsholder', updatedAt: new Date().toISOString() })
    // the licence again: a publish that re-licensed the item since the read above wins
    .where(and(eq(items.id, itemId), eq(items.licence, 'optin')))
    .returning({ id: items.id, priceMicros: items.priceMicros, priceSource: items.priceSource });
  if (!row) throw new ApiError(409, 'not_optin', 'the item is no longer opted in; reload it and try again');
  return row;
}

export async function statement(db: Db, names: string[], month: string) {
  const rows = await db
    .select({ itemId: downloads.itemId, downloads: sql<number>`count(*)`, earningsMicros: sql<number>`sum(${downloads.priceMicros})` })
    .from(downloads)
    .where(and(inArray(downloads.rightsHolder, mine(names)), eq(downloads.month, month)))
    .groupBy(downloads.itemId)
    .orderBy(asc(downloads.itemId));
  const total = rows.reduce((a, r) => ({ d: a.d + r.downloads, e: a.e + r.earningsMicros }), { d: 0, e: 0 });
  return { month, rightsHolders: names, downloads: total.d, earningsMicros: total.e, items: rows };
}

/** Every charged download of the holders' works, customers as per-holder pseudonyms (never account ids or keys). */
export async function audit(db: Db, env: Bindings, names: string[], month: string | undefined, limit: number, after?: string) {
  const conds = [inArray(downloads.rightsHolder, mine(names))];
  if (month) conds.push(eq(downloads.month, month));
  if (after) {
    const [at, id] = after.split('|');
    if (!at || !id) throw new ApiError(400, 'invalid_request', 'invalid cursor');
    conds.push(sql`(${downloads.at} > ${at} OR (${downloads.at} = ${at} AND ${downloads.id} > ${id}))`);
  }
  const rows = await db
    .select({
      id: downloads.id, itemId: downloads.itemId, accountId: downloads.accountId, rightsHolder: downloads.rightsHolder,
      at: downloads.at, priceMicros: downloads.priceMicros, via: downloads.via,
    })
    .from(downloads)
    .where(and(...conds))
    .orderBy(asc(downloads.at), asc(downloads.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const pseudonyms = await pseudonymsOf(env, page.map((r) => ({ holderId: r.rightsHolder ?? '', accountId: r.accountId })));
  const shown = page.map(({ accountId, rightsHolder, ...r }) => ({ ...r, rightsHolder, customer: pseudonyms.get(`${rightsHolder ?? ''}\n${accountId}`)! }));
  return { downloads: shown, cursor: rows.length > limit && last ? `${last.at}|${last.id}` : null };
}
