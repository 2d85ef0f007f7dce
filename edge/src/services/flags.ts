// Public flags on items: record a report (rate-limited per client) and list the moderation queue.
import { and, asc, eq } from 'drizzle-orm';
import { flags, items } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { newId, sha256Hex } from './crypto.js';
import { notFound } from './errors.js';
import { flagLimits, hit } from './rate-limit.js';

export type FlagReason = 'objectionable' | 'infringing' | 'privacy' | 'other';

export async function createFlag(
  db: Db,
  env: Bindings,
  input: { itemId: string; reason: FlagReason; note?: string | undefined; client: string },
): Promise<{ id: string }> {
  const clientHash = await sha256Hex(`flags:${input.client}`);
  const { limit, window } = flagLimits(env);
  await hit(env.DB, `flag:${clientHash}`, limit, window);
  const item = await db.select({ id: items.id }).from(items).where(eq(items.id, input.itemId)).get();
  if (!item) throw notFound('item');
  const id = newId('flag');
  await db.insert(flags).values({
    id, itemId: input.itemId, reason: input.reason, note: input.note ?? null, clientHash, createdAt: new Date().toISOString(),
  });
  return { id };
}

export async function listFlags(db: Db, status: 'open' | 'dismissed' | 'withdrawn', limit: number) {
  return db
    .select({
      id: flags.id, itemId: flags.itemId, reason: flags.reason, note: flags.note, status: flags.status,
      createdAt: flags.createdAt, decidedAt: flags.decidedAt, itemTitle: items.title, itemStatus: items.status,
    })
    .from(flags)
    .leftJoin(items, eq(items.id, flags.itemId))
    .where(and(eq(flags.status, status)))
    .orderBy(asc(flags.createdAt))
    .limit(limit);
}
