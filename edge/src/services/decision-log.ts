// The moderators' decision log: reviews decided, flag decisions, direct withdrawals and match claims decided, newest first, paged.
import { z } from 'zod';
import type { Bindings } from '../types/env.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export const LogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(600).optional(),
});

export interface LogEntry {
  kind: 'review' | 'flag' | 'withdrawal' | 'claim';
  /** review/decision/withdrawal id */
  id: string;
  itemId: string;
  title: string | null;
  /** approved | rejected | dismiss | withdraw (a claim: approved | rejected) */
  action: string;
  licence: string | null;
  /** moderator account id and email (null when the account is gone) */
  by: string | null;
  byEmail: string | null;
  at: string;
  note: string | null;
}

// Flag withdrawals are in moderation_decisions already; direct ones only in withdrawals (who: the changes row of the
// same batch, same item and time). Each arm is cut to the page first (reviews by their decided_at index).
const PAGE = (t: string) => `(?1 IS NULL OR ${t}.at < ?1 OR (${t}.at = ?1 AND ${t}.id < ?2))`;
const LOG_SQL = `
SELECT log.*, a.email AS byEmail FROM (
  SELECT * FROM (
    SELECT 'review' AS kind, r.id, r.item_id AS itemId, r.title, r.status AS action, r.decided_licence AS licence,
           r.decided_by AS "by", r.decided_at AS at, r.note
      FROM reviews r WHERE r.decided_at IS NOT NULL AND r.status IN ('approved', 'rejected')
       AND (?1 IS NULL OR r.decided_at < ?1 OR (r.decided_at = ?1 AND r.id < ?2))
     ORDER BY r.decided_at DESC, r.id DESC LIMIT ?3)
  UNION ALL
  SELECT * FROM (
    SELECT 'flag', d.id, d.item_id, i.title, d.action, NULL, d.moderator_id, d.at, d.note
      FROM moderation_decisions d LEFT JOIN items i ON i.id = d.item_id WHERE ${PAGE('d')}
     ORDER BY d.at DESC, d.id DESC LIMIT ?3)
  UNION ALL
  SELECT * FROM (
    SELECT 'withdrawal', w.id, w.item_id, i.title, 'withdraw', NULL,
           (SELECT c."by" FROM changes c WHERE c.item_id = w.item_id AND c.at = w.at AND c.kind = 'withdrawn' LIMIT 1), w.at, w.reason
      FROM withdrawals w LEFT JOIN items i ON i.id = w.item_id WHERE w."by" = 'moderator' AND w.flag_id IS NULL AND ${PAGE('w')}
     ORDER BY w.at DESC, w.id DESC LIMIT ?3)
  UNION ALL
  SELECT * FROM (
    SELECT 'claim', hc.id, hc.item_id, i.title, CASE hc.status WHEN 'verified' THEN 'approved' ELSE hc.status END, NULL,
           hc.decided_by, hc.decided_at, hc.note
      FROM holder_claims hc LEFT JOIN items i ON i.id = hc.item_id
     WHERE hc.method = 'match' AND hc.decided_at IS NOT NULL
       AND (?1 IS NULL OR hc.decided_at < ?1 OR (hc.decided_at = ?1 AND hc.id < ?2))
     ORDER BY hc.decided_at DESC, hc.id DESC LIMIT ?3)
) AS log LEFT JOIN accounts a ON a.id = log."by"
ORDER BY log.at DESC, log.id DESC LIMIT ?3`;

export async function decisionLog(env: Bindings, q: z.infer<typeof LogQuery>): Promise<{ entries: LogEntry[]; before: string | null }> {
  const [at, id] = q.before ? decodeCursor(q.before, 2) : [null, null];
  const { results } = await env.DB.prepare(LOG_SQL).bind(at, id, q.limit + 1).all<LogEntry>();
  const entries = results.slice(0, q.limit);
  const last = entries[entries.length - 1];
  return { entries, before: results.length > q.limit && last ? encodeCursor([last.at, last.id]) : null };
}
