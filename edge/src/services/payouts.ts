// Payout statements from the ledger: one per rights holder and month (what their works earned, what the platform kept:
// the fees, nothing else), a balance under the minimum payout (or with no payout account) carried to the next month;
// written once when a month closes, previewed for the open month.
import { and, asc, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import { downloads, payoutAccounts, payouts } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { CURRENCY, MICROS_PER_MINOR, payoutMinor } from './billing-money.js';
import { newId } from './crypto.js';

export type Payout = typeof payouts.$inferSelect;
export type PayoutFigures = Omit<Payout, 'id' | 'closedAt' | 'providerTransferId'>;

export interface PayoutRules {
  thresholdMicros: number;
  /** Whether a holder can be paid: a payout account at the provider (always true with no provider: paid by hand). */
  payable: (rightsHolder: string) => boolean;
}

/** PAYOUT_MINIMUM_MICROS (default $10). */
export function payoutThreshold(value: string | undefined): number {
  const n = Number(value ?? '');
  return value && Number.isSafeInteger(n) && n >= 0 ? n : 10_000_000;
}

/** Each holder's balance carried out of their latest statement before `month`. */
async function carriedIn(db: Db, month: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ holder: payouts.rightsHolder, month: payouts.month, carried: payouts.carriedOutMicros })
    .from(payouts)
    .where(lt(payouts.month, month))
    .orderBy(asc(payouts.rightsHolder), desc(payouts.month));
  const out = new Map<string, number>();
  for (const r of rows) if (!out.has(r.holder)) out.set(r.holder, r.carried);
  return out;
}

export async function computePayouts(db: Db, month: string, rules: PayoutRules, only?: string): Promise<PayoutFigures[]> {
  const where = and(eq(downloads.month, month), only === undefined ? isNotNull(downloads.rightsHolder) : eq(downloads.rightsHolder, only));
  const [earned, carry] = await Promise.all([
    db
      .select({ holder: sql<string>`${downloads.rightsHolder}`, downloads: sql<number>`count(*)`, prices: sql<number>`sum(${downloads.priceMicros})`, fees: sql<number>`sum(${downloads.feeMicros})` })
      .from(downloads)
      .where(where)
      .groupBy(downloads.rightsHolder),
    carriedIn(db, month),
  ]);
  const byHolder = new Map(earned.map((e) => [e.holder, e]));
  for (const [holder, c] of carry) if (c > 0 && !byHolder.has(holder) && (only === undefined || only === holder)) byHolder.set(holder, { holder, downloads: 0, prices: 0, fees: 0 });
  return [...byHolder.values()]
    .sort((a, b) => (a.holder < b.holder ? -1 : a.holder > b.holder ? 1 : 0))
    .map((e) => {
      const carriedInMicros = carry.get(e.holder) ?? 0;
      const payableMicros = carriedInMicros + e.prices;
      const canPay = rules.payable(e.holder);
      const paidMinor = payableMicros >= rules.thresholdMicros && canPay ? payoutMinor(payableMicros) : 0;
      const paidMicros = paidMinor * MICROS_PER_MINOR;
      const note = paidMinor > 0 ? null : payableMicros < rules.thresholdMicros ? 'below the minimum payout: carried to next month' : canPay ? 'less than a cent: carried to next month' : 'no payout account yet: carried to next month';
      return {
        rightsHolder: e.holder, month, downloads: e.downloads, pricesMicros: e.prices, feesMicros: e.fees, carriedInMicros, payableMicros, paidMicros,
        carriedOutMicros: payableMicros - paidMicros, thresholdMicros: rules.thresholdMicros, currency: CURRENCY, paidMinor,
        status: paidMinor > 0 ? ('due' as const) : ('carried' as const), note,
      };
    });
}

/** Writes the statements that do not exist yet; how many were new. */
export async function writePayouts(db: Db, figures: readonly PayoutFigures[], now: Date): Promise<number> {
  const closedAt = now.toISOString();
  let written = 0;
  const stmts = figures.map((f) => db.insert(payouts).values({ ...f, id: newId('po'), closedAt, providerTransferId: null }).onConflictDoNothing().returning({ id: payouts.id }));
  for (let i = 0; i < stmts.length; i += 50) {
    const chunk = stmts.slice(i, i + 50);
    for (const r of await db.batch(chunk as [(typeof chunk)[0], ...typeof chunk])) written += r.length;
  }
  return written;
}

export async function payoutsOfMonth(db: Db, month: string): Promise<Payout[]> {
  return db.select().from(payouts).where(eq(payouts.month, month)).orderBy(asc(payouts.rightsHolder));
}

export async function payoutsOfHolder(db: Db, rightsHolder: string): Promise<Payout[]> {
  return db.select().from(payouts).where(eq(payouts.rightsHolder, rightsHolder)).orderBy(desc(payouts.month));
}

export async function payoutOf(db: Db, rightsHolder: string, month: string): Promise<Payout | undefined> {
  return db.select().from(payouts).where(and(eq(payouts.rightsHolder, rightsHolder), eq(payouts.month, month))).get();
}

export async function payoutAccountOf(db: Db, rightsHolder: string): Promise<string | null> {
  const row = await db.select().from(payoutAccounts).where(eq(payoutAccounts.rightsHolder, rightsHolder)).get();
  return row?.providerAccountId ?? null;
}

export async function payoutAccountsAll(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ h: payoutAccounts.rightsHolder }).from(payoutAccounts)).map((r) => r.h));
}

export async function savePayoutAccount(db: Db, rightsHolder: string, providerAccountId: string, now = new Date()) {
  await db.insert(payoutAccounts).values({ rightsHolder, providerAccountId, createdAt: now.toISOString() }).onConflictDoNothing();
}

/** Each charged download of a holder's works in a month with its price and the platform's fee (the statement's lines). */
export async function payoutLines(db: Db, rightsHolder: string, month: string) {
  return db
    .select({ at: downloads.at, itemId: downloads.itemId, priceMicros: downloads.priceMicros, feeMicros: downloads.feeMicros })
    .from(downloads)
    .where(and(eq(downloads.rightsHolder, rightsHolder), eq(downloads.month, month)))
    .orderBy(asc(downloads.at), asc(downloads.id))
    .limit(10_000);
}
