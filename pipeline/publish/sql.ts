// SQL that applies a plan to D1: guarded upserts (never over a moderator's withdrawal or a rights holder's price), withdrawals
// and reinstatements with their consent-change feed rows (`changes`, in the same batch as the item change).
import { ITEM_COLUMNS, type ItemRow, type SqlValue, type Statement } from './target.js';
import type { Withdrawal } from './plan.js';

const COLS = ITEM_COLUMNS.join(', ');
const MARKS = ITEM_COLUMNS.map(() => '?').join(', ');
const UPDATES = ITEM_COLUMNS.filter((c) => c !== 'id' && c !== 'price_micros' && c !== 'price_source')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

const UPSERT = `INSERT INTO items (${COLS}) VALUES (${MARKS}) ON CONFLICT(id) DO UPDATE SET ${UPDATES}, ` +
  `price_micros = CASE WHEN items.price_source = 'rightsholder' THEN items.price_micros ELSE excluded.price_micros END, ` +
  `price_source = CASE WHEN items.price_source = 'rightsholder' THEN items.price_source ELSE excluded.price_source END ` +
  `WHERE NOT (items.status = 'withdrawn' AND items.withdrawn_by = 'moderator')`;

/** Insert or update a live item; the WHERE guard holds even if a moderator withdrew it after publish read the table. */
export function upsertItem(row: ItemRow): Statement {
  return { sql: UPSERT, params: ITEM_COLUMNS.map((c) => row[c]) };
}

const CHANGE = `INSERT INTO changes (item_id, sha256, kind, code, detail, "by", at) SELECT ?, ?, ?, ?, ?, ?, ?`;

/** Records the withdrawal once (stable id), adds the feed row while the item is still live, then marks it withdrawn.
 *  One group (one batch, one transaction): a re-run finds the item withdrawn and adds no second feed row. */
export function withdrawItem(w: Withdrawal, release: string, now: string): Statement[] {
  return [
    {
      sql: `INSERT OR IGNORE INTO withdrawals (id, item_id, sha256, reason, "by", at, flag_id) VALUES (?, ?, ?, ?, 'release', ?, NULL)`,
      params: [`release:${release}:${w.id}`, w.id, w.sha256, w.reason, now],
    },
    {
      sql: `${CHANGE} WHERE EXISTS (SELECT 1 FROM items WHERE id = ? AND status = 'live')`,
      params: [w.id, w.sha256, 'withdrawn', w.reason, w.detail, `release:${release}`, now, w.id],
    },
    {
      sql: `UPDATE items SET status = 'withdrawn', withdrawn_by = 'release', withdrawn_reason = ?, withdrawn_at = ?, updated_at = ? WHERE id = ? AND status = 'live'`,
      params: [w.reason, now, now, w.id],
    },
  ];
}

/** An item an earlier release withdrew and this one lists again: the feed row (only while it is withdrawn by a release,
 *  never over a moderator's withdrawal, as the upsert's guard), then the upsert. One group. */
export function reinstateItem(row: ItemRow, release: string, detail: string, now: string): Statement[] {
  return [
    {
      sql: `${CHANGE} WHERE EXISTS (SELECT 1 FROM items WHERE id = ? AND status = 'withdrawn' AND COALESCE(withdrawn_by, '') <> 'moderator')`,
      params: [row.id, row.source_sha256 ?? row.sha256, 'reinstated', 'release.reinstated', detail, `release:${release}`, now, row.id],
    },
    upsertItem(row),
  ];
}

export const SELECT_ITEMS = `SELECT ${COLS} FROM items`;

/** A value as an SQLite literal, for back-ends that run SQL text (wrangler d1 execute --file). */
export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to SQL`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/** Inlines a statement's parameters (in order) into its SQL text. */
export function inline(statement: Statement): string {
  let i = 0;
  const sql = statement.sql.replace(/\?/g, () => {
    if (i >= statement.params.length) throw new Error(`too few parameters for: ${statement.sql}`);
    return literal(statement.params[i++] as SqlValue);
  });
  if (i !== statement.params.length) throw new Error(`too many parameters for: ${statement.sql}`);
  return `${sql};`;
}
