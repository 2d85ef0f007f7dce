// Invoices from the ledger: one per account and month (plan fee, per-download fees, rights holders' prices), previewed
// for the open month, written once when a month closes (a re-run inserts nothing and changes nothing).
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { accounts, downloads, invoices, planChanges, plans } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { chargeMinor, CURRENCY } from './billing-money.js';
import { planOfMonth } from './plan-of-month.js';
import { monthBounds } from './months.js';

export type Invoice = typeof invoices.$inferSelect;

/** An invoice's figures, closed or not. */
export type InvoiceFigures = Omit<Invoice, 'id' | 'closedAt' | 'providerInvoiceId' | 'paymentStatus' | 'paymentUpdatedAt'>;

export const invoiceId = (accountId: string, month: string): string => `inv_${month}_${accountId}`;

/** Every account's (or the given accounts') figures for a month, from the download ledger; accounts opened after it are left out. */
export async function computeInvoices(db: Db, month: string, only?: readonly string[]): Promise<InvoiceFigures[]> {
  const { end } = monthBounds(month);
  const scope = only ? and(lt(accounts.createdAt, end), inArray(accounts.id, [...only])) : lt(accounts.createdAt, end);
  const [rows, planRows, changes] = await Promise.all([
    db
      .select({
        accountId: accounts.id, plan: accounts.planId,
        // (accounts.id spelled out: drizzle leaves a single table's columns unqualified, which the subquery would misread)
        downloads: sql<number>`(SELECT count(*) FROM ${downloads} d WHERE d.account_id = accounts.id AND d.month = ${month})`,
        fees: sql<number>`(SELECT coalesce(sum(d.fee_micros), 0) FROM ${downloads} d WHERE d.account_id = accounts.id AND d.month = ${month})`,
        prices: sql<number>`(SELECT coalesce(sum(d.price_micros), 0) FROM ${downloads} d WHERE d.account_id = accounts.id AND d.month = ${month})`,
      })
      .from(accounts)
      .where(scope)
      .orderBy(asc(accounts.id)),
    db.select({ id: plans.id, fee: plans.monthlyFeeMicros }).from(plans),
    db.select().from(planChanges).where(eq(planChanges.event, 'applied')),
  ]);
  const fees = new Map(planRows.map((p) => [p.id, p.fee]));
  const byAccount = new Map<string, (typeof changes)[number][]>();
  for (const c of changes) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c]);
  return rows.map((r) => {
    const planId = planOfMonth(byAccount.get(r.accountId) ?? [], month, r.plan);
    const planFeeMicros = fees.get(planId) ?? 0;
    const usage = r.fees + r.prices;
    const planFeeMinor = chargeMinor(planFeeMicros);
    const usageMinor = chargeMinor(usage);
    return {
      accountId: r.accountId, month, planId, planFeeMicros, downloads: r.downloads, feesMicros: r.fees, pricesMicros: r.prices,
      totalMicros: planFeeMicros + usage, currency: CURRENCY, planFeeMinor, usageMinor, totalMinor: planFeeMinor + usageMinor,
    };
  });
}

/** Writes the month's invoices that do not exist yet (never touching one that does); how many were new. */
export async function writeInvoices(db: Db, figures: readonly InvoiceFigures[], billed: boolean, now: Date): Promise<number> {
  const closedAt = now.toISOString();
  const stmts = figures.map((f) =>
    db
      .insert(invoices)
      .values({ ...f, id: invoiceId(f.accountId, f.month), closedAt, providerInvoiceId: null, paymentStatus: billed && f.usageMinor > 0 ? 'pending' : 'none', paymentUpdatedAt: null })
      .onConflictDoNothing()
      .returning({ id: invoices.id }),
  );
  let written = 0;
  for (let i = 0; i < stmts.length; i += 50) {
    const chunk = stmts.slice(i, i + 50);
    const results = await db.batch(chunk as [(typeof chunk)[0], ...typeof chunk]);
    for (const r of results) written += r.length;
  }
  return written;
}

export async function invoicesOfMonth(db: Db, month: string): Promise<Invoice[]> {
  return db.select().from(invoices).where(eq(invoices.month, month)).orderBy(asc(invoices.accountId));
}

export async function invoicesOfAccount(db: Db, accountId: string): Promise<Invoice[]> {
  return db.select().from(invoices).where(eq(invoices.accountId, accountId)).orderBy(asc(invoices.month));
}

export async function invoiceOf(db: Db, accountId: string, month: string): Promise<Invoice | undefined> {
  return db.select().from(invoices).where(and(eq(invoices.accountId, accountId), eq(invoices.month, month))).get();
}

/** A closed invoice, or the open month's preview (figures so far, nothing stored). */
export async function invoiceOrPreview(db: Db, accountId: string, month: string, openMonth: string): Promise<{ invoice: InvoiceFigures & Partial<Invoice>; closed: boolean } | null> {
  const closed = await invoiceOf(db, accountId, month);
  if (closed) return { invoice: closed, closed: true };
  if (month !== openMonth) return null;
  const [preview] = await computeInvoices(db, month, [accountId]);
  return preview ? { invoice: preview, closed: false } : null;
}

/** The usage line a provider bills (fees + prices) and the account's downloads in words. */
export const usageDescription = (f: InvoiceFigures): string =>
  `Clearance ${f.month}: ${f.downloads} downloads — fees ${f.feesMicros} µ$ + rights holders' prices ${f.pricesMicros} µ$`;
