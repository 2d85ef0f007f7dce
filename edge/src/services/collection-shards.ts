// A collection as WebDataset tar shards: the live items of shard k, each charged exactly like a manifest download.
import { and, asc, eq } from 'drizzle-orm';
import { collectionItems, items } from '../db/schema.js';
import type { Caller, Db } from '../types/env.js';
import { getOwned } from './collections.js';
import { chargeDownload, refundDownload } from './downloads.js';
import { ApiError } from './errors.js';
import type { ItemFacts } from './item-facts.js';
import { shardKey, tarEnd, tarHeader, tarPadding } from './tar-stream.js';

export const SHARD_MAX_ITEMS = 200;

export interface ShardItem { id: string; title: string; licence: string; priceMicros: number }

/** The live items of shard `k` (`size` items a shard, by id: the manifest's order); 404 past the last shard. */
export async function shardItems(db: Db, caller: Caller, collectionId: string, k: number, size: number): Promise<ShardItem[]> {
  await getOwned(db, caller.accountId, collectionId);
  const rows = await db
    .select({ id: items.id, title: items.title, licence: items.licence, priceMicros: items.priceMicros })
    .from(collectionItems)
    .innerJoin(items, eq(items.id, collectionItems.itemId))
    .where(and(eq(collectionItems.collectionId, collectionId), eq(items.status, 'live')))
    .orderBy(asc(items.id))
    .limit(size)
    .offset(k * size);
  if (!rows.length) throw new ApiError(404, 'not_found', `collection ${collectionId} has no shard ${k} of ${size} items`);
  return rows;
}

export interface Charged { row: ShardItem; item: ItemFacts; rid: string; charged: boolean; micros: number }
export interface Refused { id: string; reason: string }

/** Charges every item of the shard first, as a signed manifest URL would (same ledger, quota, cap and price bound;
 *  a repeat this month is free), so the response can say what was charged and refused before the body starts. */
export async function chargeShard(d1: D1Database, caller: Caller, rows: ShardItem[], requestId: string): Promise<{ ok: Charged[]; refused: Refused[] }> {
  const ok: Charged[] = [];
  const refused: Refused[] = [];
  for (const [n, row] of rows.entries()) {
    const rid = `${requestId}-${n}`;
    const outcome = await chargeDownload(d1, { keyId: caller.keyId, accountId: caller.accountId }, row.id, rid, new Date(), row.priceMicros);
    if (outcome.kind === 'charged') ok.push({ row, item: outcome.item, rid, charged: true, micros: outcome.priceMicros + outcome.feeMicros });
    else if (outcome.kind === 'repeat') ok.push({ row, item: outcome.item, rid, charged: false, micros: 0 });
    else if (outcome.kind === 'bad_key') throw new ApiError(401, 'unauthorized', 'API key revoked');
    else refused.push({ id: row.id, reason: outcome.kind });
  }
  return { ok, refused };
}

/** Streams the charged items as tar members (`<key>.<ext>`, `<key>.json`, `<key>.txt`) into `out`; an item whose file
 *  cannot be read is refunded and left out. Closes `out` when done. */
export async function writeShard(d1: D1Database, bucket: R2Bucket, charged: Charged[], out: WritableStream<Uint8Array>): Promise<void> {
  const w = out.getWriter();
  const mtime = Math.floor(Date.now() / 1000);
  const text = new TextEncoder();
  const member = async (name: string, data: Uint8Array) => {
    await w.write(tarHeader(name, data.length, mtime));
    await w.write(data);
    await w.write(tarPadding(data.length));
  };
  try {
    for (const c of charged) {
      const obj = await bucket.get(c.item.originalKey);
      if (!obj || obj.size !== c.item.bytes) {
        await obj?.body.cancel();
        if (c.charged) await refundDownload(d1, c.rid);
        continue;
      }
      const key = shardKey(c.row.id);
      const ext = /\.([a-z0-9]+)$/.exec(c.item.originalKey)?.[1] ?? 'bin';
      await w.write(tarHeader(`${key}.${ext}`, obj.size, mtime));
      const reader = obj.body.getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) await w.write(r.value);
      await w.write(tarPadding(obj.size));
      const meta = { id: c.row.id, title: c.row.title, licence: c.row.licence, sha256: c.item.sha256, bytes: c.item.bytes, contentType: c.item.contentType, priceMicros: c.row.priceMicros, chargedMicros: c.micros };
      await member(`${key}.json`, text.encode(JSON.stringify(meta)));
      await member(`${key}.txt`, text.encode(c.row.title));
    }
    await w.write(tarEnd());
    await w.close();
  } catch (err) {
    await w.abort(err).catch(() => undefined);
  }
}
