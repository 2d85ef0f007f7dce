// Closing a month: its invoices and payout statements are written once (a re-run adds only what is missing and changes
// nothing written), handed to the payments provider (idempotency keys make a retry safe), and plan changes due by now
// are applied. The cron closes the previous month; admins close any ended month.
import { and, eq, isNull, lt, notInArray } from 'drizzle-orm';
import { downloads, invoices, monthCloses, payouts } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { applyDueChanges, ensureCustomer } from './billing-plans.js';
import { reconcile, type Reconciliation } from './billing-reconcile.js';
import { ApiError } from './errors.js';
import { computeInvoices, invoicesOfMonth, usageDescription, writeInvoices } from './invoices.js';
import { monthOf } from './months.js';
import type { PaymentsProvider } from './payments-provider.js';
import { computePayouts, payoutAccountsAll, payoutAccountOf, payoutsOfMonth, payoutThreshold, writePayouts } from './payouts.js';

export interface CloseSummary {
  month: string;
  closedAt: string;
  firstClose: boolean;
  invoices: { count: number; written: number; sent: number; failed: number };
  payouts: { count: number; written: number; transferred: number; failed: number };
  planChangesApplied: number;
  reconciliation: Reconciliation;
}

export async function closeMonth(db: Db, env: Bindings, provider: PaymentsProvider, month: string, now = new Date()): Promise<CloseSummary> {
  if (month >= monthOf(now)) throw new ApiError(409, 'month_open', `${month} has not ended yet: its invoice is a preview until then`);
  const earlier = await db
    .select({ month: downloads.month })
    .from(downloads)
    .where(and(lt(downloads.month, month), notInArray(downloads.month, db.select({ m: monthCloses.month }).from(monthCloses))))
    .orderBy(downloads.month)
    .limit(1)
    .get();
  if (earlier) throw new ApiError(409, 'previous_month_open', `close ${earlier.month} first: balances carry from one month to the next`);

  const payable = provider.name === 'none' ? () => true : ((set) => (h: string) => set.has(h))(await payoutAccountsAll(db));
  const invFigures = await computeInvoices(db, month);
  const payFigures = await computePayouts(db, month, { thresholdMicros: payoutThreshold(env.PAYOUT_MINIMUM_MICROS), payable });
  const writtenInvoices = await writeInvoices(db, invFigures, provider.name !== 'none', now);
  const writtenPayouts = await writePayouts(db, payFigures, now);
  const inserted = await db
    .insert(monthCloses)
    .values({ month, closedAt: now.toISOString(), invoices: writtenInvoices, payouts: writtenPayouts })
    .onConflictDoNothing()
    .returning({ month: monthCloses.month });
  const closed = (await db.select().from(monthCloses).where(eq(monthCloses.month, month)).get())!;

  const sentInv = await sendInvoices(db, provider, month, now);
  const sentPay = await sendPayouts(db, provider, month);
  const planChangesApplied = await applyDueChanges(db, monthOf(now), now);
  const [inv, pay] = await Promise.all([invoicesOfMonth(db, month), payoutsOfMonth(db, month)]);
  return {
    month, closedAt: closed.closedAt, firstClose: inserted.length > 0,
    invoices: { count: inv.length, written: writtenInvoices, ...sentInv },
    payouts: { count: pay.length, written: writtenPayouts, ...sentPay },
    planChangesApplied,
    reconciliation: await reconcile(db, month, inv, pay),
  };
}

/** Bills every closed invoice of the month still waiting for the provider; a failure stays pending for the next run. */
async function sendInvoices(db: Db, provider: PaymentsProvider, month: string, now: Date) {
  const waiting = await db.select().from(invoices).where(and(eq(invoices.month, month), eq(invoices.paymentStatus, 'pending'), isNull(invoices.providerInvoiceId)));
  let sent = 0;
  let failed = 0;
  for (const inv of waiting) {
    try {
      const customer = await ensureCustomer(db, provider, inv.accountId, now);
      const billed = customer ? await provider.invoiceUsage(customer, { id: inv.id, month, usageMinor: inv.usageMinor, description: usageDescription(inv) }) : null;
      if (!billed) continue;
      // A webhook may have reported the payment already: never move a settled status back.
      await db
        .update(invoices)
        .set({ providerInvoiceId: billed.id, paymentStatus: billed.status, paymentUpdatedAt: now.toISOString() })
        .where(and(eq(invoices.id, inv.id), eq(invoices.paymentStatus, 'pending')));
      sent++;
    } catch (err) {
      failed++;
      console.error('invoice not sent to the payments provider', inv.id, err instanceof Error ? err.message : err);
    }
  }
  return { sent, failed };
}

/** Transfers every due payout of the month; a failure stays due for the next run (same idempotency key). */
async function sendPayouts(db: Db, provider: PaymentsProvider, month: string) {
  if (provider.name === 'none') return { transferred: 0, failed: 0 };
  const due = await db.select().from(payouts).where(and(eq(payouts.month, month), eq(payouts.status, 'due')));
  let transferred = 0;
  let failed = 0;
  for (const p of due) {
    try {
      const destination = await payoutAccountOf(db, p.rightsHolder);
      if (!destination) continue;
      const id = await provider.transfer(destination, { id: p.id, month, rightsHolder: p.rightsHolder, amountMinor: p.paidMinor });
      await db.update(payouts).set({ status: 'paid', providerTransferId: id }).where(and(eq(payouts.id, p.id), eq(payouts.status, 'due')));
      transferred++;
    } catch (err) {
      failed++;
      console.error('payout not transferred', p.id, err instanceof Error ? err.message : err);
    }
  }
  return { transferred, failed };
}

/** A month's figures and reconciliation without writing anything (the open month, or a check before closing). */
export async function previewMonth(db: Db, env: Bindings, provider: PaymentsProvider, month: string) {
  const payable = provider.name === 'none' ? () => true : ((set) => (h: string) => set.has(h))(await payoutAccountsAll(db));
  const inv = await computeInvoices(db, month);
  const pay = await computePayouts(db, month, { thresholdMicros: payoutThreshold(env.PAYOUT_MINIMUM_MICROS), payable });
  return { invoices: inv, payouts: pay, reconciliation: await reconcile(db, month, inv, pay) };
}
