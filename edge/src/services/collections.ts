// Private collections (plans with privateCollections): CRUD, membership (by id or by query) and the signed manifest rows.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { collectionItems, collections, items, plans } from '../db/schema.js';
import type { Bindings, Caller, Db } from '../types/env.js';
import { newId } from './crypto.js';
import { ApiError, notFound } from './errors.js';
import { setFacts } from './item-facts.js';
import { queryConditions, whereOf, type ItemQuery } from './item-query.js';
import type { ManifestRow } from './manifest.js';
import { safetyConditions, type ResolvedFilter, type SafetyFilter } from './safety-filter.js';
import { signDownload } from './signing.js';

const CHUNK = 40; // D1 allows 100 bound parameters per statement

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * Private collections need a plan with them; an account that had them and moved to a plan without (cancelled, failed
 * payment) keeps reading them (`read`: listing, items, manifests) but cannot change them.
 */
export async function requirePrivateCollections(db: Db, planId: string, read?: { accountId: string }): Promise<void> {
  const plan = await db.select({ ok: plans.privateCollections }).from(plans).where(eq(plans.id, planId)).get();
  if (plan?.ok) return;
  if (read && (await db.select({ id: collections.id }).from(collections).where(eq(collections.accountId, read.accountId)).limit(1).get())) return;
  throw new ApiError(403, 'plan_forbidden', `private collections are not part of your plan ('${planId}'); switch to a plan that includes them, e.g. 'curation' (collections made on an earlier plan stay readable, not changeable)`);
}

export async function listCollections(db: Db, accountId: string) {
  return db
    .select({
      id: collections.id, name: collections.name, description: collections.description, createdAt: collections.createdAt,
      updatedAt: collections.updatedAt,
      itemCount: sql<number>`(SELECT count(*) FROM collection_items ci WHERE ci.collection_id = ${collections.id})`,
    })
    .from(collections)
    .where(eq(collections.accountId, accountId))
    .orderBy(asc(collections.createdAt));
}

/** The caller's collection; another account's collection is indistinguishable from a missing one. */
export async function getOwned(db: Db, accountId: string, id: string) {
  const row = await db.select().from(collections).where(and(eq(collections.id, id), eq(collections.accountId, accountId))).get();
  if (!row) throw notFound('collection');
  return row;
}

export async function createCollection(db: Db, accountId: string, name: string, description?: string) {
  const [row] = await db.insert(collections).values({ id: newId('col'), accountId, name, description: description ?? null }).returning();
  return row!;
}

export async function updateCollection(db: Db, accountId: string, id: string, patch: { name?: string | undefined; description?: string | null | undefined }) {
  await getOwned(db, accountId, id);
  const [row] = await db.update(collections).set({ ...patch, updatedAt: new Date().toISOString() }).where(eq(collections.id, id)).returning();
  return row!;
}

export async function deleteCollection(db: Db, accountId: string, id: string) {
  await getOwned(db, accountId, id);
  await db.batch([db.delete(collectionItems).where(eq(collectionItems.collectionId, id)), db.delete(collections).where(eq(collections.id, id))]);
}

/** The collection's items (live or withdrawn) that the safety filter keeps, and how many it left out. */
export async function collectionItemList(db: Db, id: string, safety: SafetyFilter) {
  const kept = safetyConditions(safety);
  const [rows, total] = await db.batch([
    db
      .select({ id: items.id, title: items.title, status: items.status, addedAt: collectionItems.addedAt })
      .from(collectionItems)
      .innerJoin(items, eq(items.id, collectionItems.itemId))
      .where(and(eq(collectionItems.collectionId, id), ...kept))
      .orderBy(asc(collectionItems.addedAt), asc(items.id)),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(collectionItems).where(eq(collectionItems.collectionId, id)),
  ]);
  return { items: rows, excluded: (total[0]?.n ?? 0) - rows.length };
}

/** The most items one query may add to a collection. */
export const MAX_FILL = 5000;

/** Adds the first `limit` live items (in id order) that a search and safety filter match; returns how many matched and
 *  how many were new to the collection. One INSERT … SELECT: nothing is read back into the Worker. */
export async function addFromQuery(db: Db, accountId: string, id: string, query: ItemQuery, safety: SafetyFilter, limit: number) {
  await getOwned(db, accountId, id);
  const now = new Date().toISOString();
  const matched = db
    .select({ collectionId: sql<string>`${id}`.as('collection_id'), itemId: items.id, addedAt: sql<string>`${now}`.as('added_at') })
    .from(items)
    .where(whereOf(queryConditions(query, safety)))
    .orderBy(asc(items.id))
    .limit(limit);
  const [count, inserted] = await db.batch([
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(matched.as('m')),
    db.insert(collectionItems).select(matched).onConflictDoNothing(),
    db.update(collections).set({ updatedAt: now }).where(eq(collections.id, id)),
  ]);
  return { matched: count[0]?.n ?? 0, added: inserted.meta.changes ?? 0 };
}

export async function addItems(db: Db, accountId: string, id: string, itemIds: string[]) {
  await getOwned(db, accountId, id);
  const unique = [...new Set(itemIds)];
  const found = new Set<string>();
  for (const part of chunks(unique)) {
    const rows = await db.select({ id: items.id }).from(items).where(inArray(items.id, part));
    rows.forEach((r) => found.add(r.id));
  }
  const missing = unique.filter((i) => !found.has(i));
  if (missing.length) throw new ApiError(400, 'unknown_items', `unknown item ids: ${missing.slice(0, 5).join(', ')}`);
  const inserts = chunks(unique).map((part) =>
    db.insert(collectionItems).values(part.map((itemId) => ({ collectionId: id, itemId }))).onConflictDoNothing(),
  );
  const touch = db.update(collections).set({ updatedAt: new Date().toISOString() }).where(eq(collections.id, id));
  await db.batch([touch, ...inserts]);
  return { added: unique.length };
}

export async function removeItem(db: Db, accountId: string, id: string, itemId: string) {
  await getOwned(db, accountId, id);
  const removed = await db
    .delete(collectionItems)
    .where(and(eq(collectionItems.collectionId, id), eq(collectionItems.itemId, itemId)))
    .returning();
  if (removed.length === 0) throw notFound('item in this collection');
}

/** Manifest rows: the live items the safety filter keeps, each with a signed URL valid for `ttlSeconds` that charges
 *  at most today's price. Every file fact is the served file's; `filter` names the filter (its summary). */
export async function manifestRows(db: Db, env: Bindings, caller: Caller, id: string, origin: string, ttlSeconds: number, safety: ResolvedFilter): Promise<ManifestRow[]> {
  await getOwned(db, caller.accountId, id);
  const rows = await db
    .select()
    .from(collectionItems)
    .innerJoin(items, eq(items.id, collectionItems.itemId))
    .where(and(eq(collectionItems.collectionId, id), eq(items.status, 'live'), ...safetyConditions(safety.filter)))
    .orderBy(asc(items.id));
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const expiresAt = new Date(exp * 1000).toISOString();
  for (const { items: i } of rows) setFacts(i.id, i); // their signed URLs are about to be fetched
  return Promise.all(
    rows.map(async ({ items: i }) => ({
      id: i.id,
      url: origin + (await signDownload(env, i.id, { acct: caller.accountId, kid: caller.keyId, exp, maxPriceMicros: i.priceMicros })),
      expiresAt,
      sha256: i.sha256, bytes: i.bytes, width: i.width, height: i.height, format: i.format, contentType: i.contentType,
      sourceSha256: i.sourceSha256,
      title: i.title, caption: i.title, creator: i.creator, licence: i.licence, licenceUrl: i.licenceUrl,
      source: i.source, sourceUrl: i.sourceUrl, release: i.release, retrievedAt: i.retrievedAt, rightsHolder: i.rightsHolder,
      priceMicros: i.priceMicros,
      nsfw: i.nsfw, faces: i.faces, faceScore: i.faceScore, textPii: i.textPii,
      filter: safety.summary,
    })),
  );
}
