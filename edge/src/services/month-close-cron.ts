// The cron's job: close the month before the one the trigger fired in, after any earlier month with downloads left
// open (a missed run); idempotent: a second run writes nothing.
import { and, lt, notInArray } from 'drizzle-orm';
import { downloads, monthCloses } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { previousMonth } from './billing-money.js';
import { closeMonth } from './month-close.js';
import { monthOf } from './months.js';
import { paymentsProvider } from './payments-provider-select.js';

export async function closePreviousMonth(db: Db, env: Bindings, firedAt: Date): Promise<void> {
  const last = previousMonth(monthOf(firedAt));
  const open = await db
    .selectDistinct({ month: downloads.month })
    .from(downloads)
    .where(and(lt(downloads.month, last), notInArray(downloads.month, db.select({ m: monthCloses.month }).from(monthCloses))))
    .orderBy(downloads.month);
  for (const month of [...open.map((r) => r.month), last]) await closeOne(db, env, month, firedAt);
}

async function closeOne(db: Db, env: Bindings, month: string, firedAt: Date): Promise<void> {
  try {
    const s = await closeMonth(db, env, paymentsProvider(env), month, firedAt);
    console.log(`month close ${month}: ${s.invoices.written} invoices and ${s.payouts.written} payouts written, ${s.invoices.sent} billed, ${s.payouts.transferred} transferred, ${s.planChangesApplied} plan changes applied; reconciled: ${s.reconciliation.invoicesMatch && s.reconciliation.payoutsMatch}`);
  } catch (err) {
    console.error(`month close ${month} failed:`, err instanceof Error ? err.message : err);
  }
}
