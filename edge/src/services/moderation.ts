// Moderator actions on live items: decide a flag (dismiss, or withdraw its item) and withdraw an item directly.
// A withdrawal blocks downloads at once and writes the items, withdrawals and changes rows in one D1 batch.
import { desc, eq, sql } from 'drizzle-orm';
import { flags, items, moderationDecisions } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { newId } from './crypto.js';
import { ApiError, conflict, notFound } from './errors.js';

const WITHDRAWN_CODE = 'optout.withdrawn';

export interface Withdrawal {
  id: string;
  itemId: string;
  /** The source image's SHA-256 (a release's withdrawals file matches fetched images on it). */
  sha256: string;
  reason: string;
  /** What the public change feed says: never the moderator's own words (they may name people or reporters). */
  publicDetail: string;
  at: string;
}

/**
 * The statements that withdraw a live item: the withdrawals and changes rows (inserted only while the item is live and,
 * for a flag's decision, the flag is still open), then the UPDATE of the item, whose change count says whether it happened.
 */
function withdrawalStatements(env: Bindings, w: Withdrawal, moderatorId: string, flagId: string | null): D1PreparedStatement[] {
  const live = `id = ?${flagId === null ? '' : ` AND EXISTS (SELECT 1 FROM flags WHERE flags.id = ? AND flags.status = 'open')`} AND status = 'live'`;
  const where = flagId === null ? [w.itemId] : [w.itemId, flagId];
  return [
    env.DB.prepare(
      `INSERT INTO withdrawals (id, item_id, sha256, fingerprint, reason, "by", at, flag_id)
       SELECT ?, id, COALESCE(source_sha256, sha256), fingerprint, ?, 'moderator', ?, ? FROM items WHERE ${live}`,
    ).bind(w.id, w.reason, w.at, flagId, ...where),
    env.DB.prepare(
      `INSERT INTO changes (item_id, sha256, kind, code, detail, "by", at)
       SELECT id, COALESCE(source_sha256, sha256), 'withdrawn', ?, ?, ?, ? FROM items WHERE ${live}`,
    ).bind(WITHDRAWN_CODE, w.publicDetail, moderatorId, w.at, ...where),
    env.DB.prepare(
      `UPDATE items SET status = 'withdrawn', withdrawn_by = 'moderator', withdrawn_reason = ?, withdrawn_at = ?, updated_at = ?
       WHERE ${live}`,
    ).bind(w.reason, w.at, w.at, ...where),
  ];
}

/** Withdraws a live item (not through a flag): 404 unknown, 409 when it is not live. */
export async function withdrawItem(db: Db, env: Bindings, moderatorId: string, itemId: string, reason: string, now = new Date(), publicDetail = 'withdrawn by a moderator'): Promise<Withdrawal> {
  const item = await db.select({ sha256: sql<string>`COALESCE(${items.sourceSha256}, ${items.sha256})`, status: items.status }).from(items).where(eq(items.id, itemId)).get();
  if (!item) throw notFound('item');
  const w: Withdrawal = { id: newId('wd'), itemId, sha256: item.sha256, reason, publicDetail, at: now.toISOString() };
  const results = await env.DB.batch(withdrawalStatements(env, w, moderatorId, null));
  if (results[2]!.meta.changes !== 1) throw new ApiError(409, 'not_live', `item is not live (${item.status === 'live' ? 'withdrawn meanwhile' : item.status})`);
  return w;
}

export type FlagAction = 'dismiss' | 'withdraw';

/**
 * Decides an open flag. One batch, every statement guarded by the flag still being open: the decision log row, for a
 * withdrawal of a still-live item its withdrawal rows and the item update, then the flag itself. A withdraw decision on
 * an item already withdrawn closes the flag without a second withdrawal.
 */
export async function decideFlag(db: Db, env: Bindings, moderatorId: string, flagId: string, action: FlagAction, note?: string, now = new Date()) {
  const flag = await db.select().from(flags).where(eq(flags.id, flagId)).get();
  if (!flag) throw notFound('flag');
  if (flag.status !== 'open') throw conflict(`flag already decided (${flag.status})`);
  const at = now.toISOString();
  const decision = { id: newId('dec'), flagId, itemId: flag.itemId, moderatorId, action, note: note ?? null, at };
  const statements = [
    env.DB.prepare(
      `INSERT INTO moderation_decisions (id, flag_id, item_id, moderator_id, action, note, at)
       SELECT ?, id, item_id, ?, ?, ?, ? FROM flags WHERE id = ? AND status = 'open'`,
    ).bind(decision.id, moderatorId, action, decision.note, at, flagId),
  ];
  if (action === 'withdraw') {
    const item = await db.select({ sha256: sql<string>`COALESCE(${items.sourceSha256}, ${items.sha256})` }).from(items).where(eq(items.id, flag.itemId)).get();
    if (!item) throw notFound('item');
    const reason = `flag:${flag.reason}${note ? `: ${note}` : ''}`.slice(0, 1000);
    statements.push(...withdrawalStatements(env, { id: newId('wd'), itemId: flag.itemId, sha256: item.sha256, reason, publicDetail: `withdrawn by a moderator after a report (${flag.reason})`, at }, moderatorId, flagId));
  }
  statements.push(
    env.DB.prepare(`UPDATE flags SET status = ?, decided_at = ? WHERE id = ? AND status = 'open'`).bind(
      action === 'dismiss' ? 'dismissed' : 'withdrawn', at, flagId,
    ),
  );
  const results = await env.DB.batch(statements);
  if (results[results.length - 1]!.meta.changes !== 1) throw conflict('flag already decided (decided meanwhile)');
  return decision;
}

export async function listDecisions(db: Db, limit: number) {
  return db.select().from(moderationDecisions).orderBy(desc(moderationDecisions.at)).limit(limit);
}
