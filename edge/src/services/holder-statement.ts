// A holder's monthly statement and download audit: customers appear as per-holder pseudonyms (an HMAC of the holder
// and the account under SIGNING_SECRET), never as account ids or key prefixes; the audit also as CSV.
import { and, asc, eq } from 'drizzle-orm';
import { downloads } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { pseudonymsOf } from './pseudonyms.js';
import { statement } from './rightsholder.js';

export interface AuditRow {
  at: string;
  itemId: string;
  customer: string;
  priceMicros: number;
}

export const holderStatement = (db: Db, holderId: string, month: string) => statement(db, [holderId], month);

/** Every charged download of the holder's works in a month, oldest first (at most 10,000 rows). */
export async function holderAudit(db: Db, env: Bindings, holderId: string, month: string): Promise<AuditRow[]> {
  const rows = await db
    .select({ at: downloads.at, itemId: downloads.itemId, accountId: downloads.accountId, priceMicros: downloads.priceMicros })
    .from(downloads)
    .where(and(eq(downloads.rightsHolder, holderId), eq(downloads.month, month)))
    .orderBy(asc(downloads.at), asc(downloads.id))
    .limit(10_000);
  const names = await pseudonymsOf(env, rows.map((r) => ({ holderId, accountId: r.accountId })));
  return rows.map((r) => ({ at: r.at, itemId: r.itemId, customer: names.get(`${holderId}\n${r.accountId}`)!, priceMicros: r.priceMicros }));
}

/** A CSV cell: quoted when needed; a cell a spreadsheet would run as a formula gets a leading '. */
function cell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [['at', 'itemId', 'customer', 'priceMicros'].join(',')];
  for (const r of rows) lines.push([r.at, r.itemId, r.customer, r.priceMicros].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
