// Exports of a closed month's figures (CSV and JSON): fixed columns, fixed order, only what never changes after the
// close (no payment state), so exporting a month twice gives the same bytes.
import type { Invoice } from './invoices.js';
import type { Payout } from './payouts.js';

export const INVOICE_COLUMNS = ['id', 'month', 'accountId', 'planId', 'planFeeMicros', 'downloads', 'feesMicros', 'pricesMicros', 'totalMicros', 'currency', 'planFeeMinor', 'usageMinor', 'totalMinor', 'closedAt'] as const;
export const PAYOUT_COLUMNS = ['month', 'rightsHolder', 'downloads', 'pricesMicros', 'feesMicros', 'carriedInMicros', 'payableMicros', 'paidMicros', 'carriedOutMicros', 'thresholdMicros', 'currency', 'paidMinor', 'closedAt'] as const;

type Row = Record<string, string | number | null | boolean>;

/** A CSV cell: quoted when needed; a cell a spreadsheet would run as a formula gets a leading '. */
function cell(v: string | number | null | boolean): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const pick = (r: Row, columns: readonly string[]): Row => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]));

export const invoiceRecord = (i: Invoice): Row => pick(i as unknown as Row, INVOICE_COLUMNS);
export const payoutRecord = (p: Payout): Row => pick(p as unknown as Row, PAYOUT_COLUMNS);

export const invoicesCsv = (rows: readonly Invoice[]): string => toCsv(INVOICE_COLUMNS, rows.map(invoiceRecord));
export const payoutsCsv = (rows: readonly Payout[]): string => toCsv(PAYOUT_COLUMNS, rows.map(payoutRecord));

/** A closed month as one JSON document: its invoices and payout statements. */
export function monthJson(month: string, inv: readonly Invoice[], pay: readonly Payout[]): string {
  return `${JSON.stringify({ month, invoices: inv.map(invoiceRecord), payouts: pay.map(payoutRecord) }, null, 2)}\n`;
}
