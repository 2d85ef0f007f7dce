// Reconciliation of a month against the ledger, to the µ$: invoices = fees + prices + plan fees, and
// payouts (what rights holders earned) + the platform's fees = prices + fees.
import { eq, sql } from 'drizzle-orm';
import { downloads } from '../db/schema.js';
import type { Db } from '../types/env.js';
import type { InvoiceFigures } from './invoices.js';
import type { PayoutFigures } from './payouts.js';

export interface Reconciliation {
  month: string;
  ledger: { downloads: number; feesMicros: number; pricesMicros: number; unattributedPricesMicros: number };
  invoices: { count: number; planFeesMicros: number; feesMicros: number; pricesMicros: number; totalMicros: number; totalMinor: number };
  payouts: { count: number; earnedMicros: number; platformFeesMicros: number; paidMicros: number; carriedOutMicros: number };
  /** Σ invoices = ledger fees + ledger prices + plan fees. */
  invoicesMatch: boolean;
  /** Σ payouts' earnings + ledger fees = ledger prices + ledger fees (prices of works with no rights holder counted apart). */
  payoutsMatch: boolean;
}

const sum = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((a, x) => a + f(x), 0);

export async function reconcile(db: Db, month: string, inv: readonly InvoiceFigures[], pay: readonly PayoutFigures[]): Promise<Reconciliation> {
  const row = await db
    .select({
      n: sql<number>`count(*)`, fees: sql<number>`coalesce(sum(${downloads.feeMicros}), 0)`, prices: sql<number>`coalesce(sum(${downloads.priceMicros}), 0)`,
      orphan: sql<number>`coalesce(sum(CASE WHEN ${downloads.rightsHolder} IS NULL THEN ${downloads.priceMicros} ELSE 0 END), 0)`,
    })
    .from(downloads)
    .where(eq(downloads.month, month))
    .get();
  const ledger = { downloads: row?.n ?? 0, feesMicros: row?.fees ?? 0, pricesMicros: row?.prices ?? 0, unattributedPricesMicros: row?.orphan ?? 0 };
  const invoices = {
    count: inv.length, planFeesMicros: sum(inv, (i) => i.planFeeMicros), feesMicros: sum(inv, (i) => i.feesMicros), pricesMicros: sum(inv, (i) => i.pricesMicros),
    totalMicros: sum(inv, (i) => i.totalMicros), totalMinor: sum(inv, (i) => i.totalMinor),
  };
  const payouts = {
    count: pay.length, earnedMicros: sum(pay, (p) => p.pricesMicros), platformFeesMicros: ledger.feesMicros,
    paidMicros: sum(pay, (p) => p.paidMicros), carriedOutMicros: sum(pay, (p) => p.carriedOutMicros),
  };
  return {
    month, ledger, invoices, payouts,
    invoicesMatch: invoices.totalMicros === ledger.feesMicros + ledger.pricesMicros + invoices.planFeesMicros && invoices.feesMicros === ledger.feesMicros && invoices.pricesMicros === ledger.pricesMicros,
    payoutsMatch: payouts.earnedMicros + ledger.unattributedPricesMicros + payouts.platformFeesMicros === ledger.pricesMicros + ledger.feesMicros,
  };
}
