// Moderation decisions: dismiss a flag or withdraw its item (blocks downloads at once, recorded for the next release).
import { desc, eq } from 'drizzle-orm';
import { flags, items, moderationDecisions, withdrawals } from '../db/schema.js';
import type { Db } from '../env.js';
import { newId } from './crypto.js';
import { conflict, notFound } from './errors.js';

export async function decide(db: Db, moderatorId: string, flagId: string, action: 'dismiss' | 'withdraw', note?: string) {
  const flag = await db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw notFound('flag');
  if (flag.status !== 'open') throw conflict(`flag already decided (${flag.status})`);
  const at = new Date().toISOString();
  const decision = { id: newId('dec'), flagId, itemId: flag.itemId, moderatorId, action, note: note ?? null, at };
  const status = action === 'dismiss' ? 'dismissed' : 'withdrawn';
  const closeFlag = db.update(flags).set({ status, decidedAt: at }).where(eq(flags.id, flagId));
  const log = db.insert(moderationDecisions).values(decision);
  if (action === 'dismiss') {
    await db.batch([closeFlag, log]);
    return decision;
  }
  const item = await db.select().from(items).where(eq(items.id, flag.itemId)).get();
  if (!item) throw notFound('item');
  const reason = `flag:${flag.reason}${note ? `: ${note}` : ''}`.slice(0, 1000);
  await db.batch([
    closeFlag,
    log,
    db
      .update(items)
      .set({ status: 'withdrawn', withdrawnBy: 'moderator', withdrawnReason: reason, withdrawnAt: at, updatedAt: at })
      .where(eq(items.id, item.id)),
    db.insert(withdrawals).values({ id: newId('wd'), itemId: item.id, sha256: item.sha256, reason, by: 'moderator', at, flagId }),
  ]);
  return decision;
}

export async function listDecisions(db: Db, limit: number) {
  return db.select().from(moderationDecisions).orderBy(desc(moderationDecisions.at)).limit(limit);
}
