// What a customer sees of their billing: plan, standing, a scheduled change, closed invoices and the open month's
// preview; what a rights holder sees of their payouts: statements, the open month so far, whether they can be paid.
import { eq } from 'drizzle-orm';
import { accounts, plans } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { planChangesOf, readBilling } from './billing-plans.js';
import { notFound } from './errors.js';
import { holderOfAccount } from './holders.js';
import { computeInvoices, invoicesOfAccount } from './invoices.js';
import { monthOf } from './months.js';
import type { PaymentsProvider } from './payments-provider.js';
import { computePayouts, payoutAccountOf, payoutsOfHolder, payoutThreshold } from './payouts.js';
import { rightsHoldersOf } from './accounts.js';

export async function customerBilling(db: Db, accountId: string, now = new Date()) {
  const account = await db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!account) throw notFound('account');
  const month = monthOf(now);
  const [billing, plan, allPlans, closed, [preview], changes] = await Promise.all([
    readBilling(db, accountId),
    db.select().from(plans).where(eq(plans.id, account.planId)).get(),
    db.select().from(plans).orderBy(plans.monthlyFeeMicros),
    invoicesOfAccount(db, accountId),
    computeInvoices(db, month, [accountId]),
    planChangesOf(db, accountId),
  ]);
  return {
    account: { id: account.id, email: account.email },
    plan: plan!,
    plans: allPlans,
    status: billing.status,
    pending: billing.pendingPlanId ? { plan: billing.pendingPlanId, from: billing.pendingFrom!, reason: billing.pendingReason! } : null,
    month,
    preview: preview!,
    invoices: closed.reverse(),
    changes: changes.reverse(),
  };
}

/** The rights holders an account speaks for: the holder it signed up as, and any named by its rightsholder roles. */
export async function holdersOfAccount(db: Db, accountId: string): Promise<string[]> {
  const [signedUp, named] = await Promise.all([holderOfAccount(db, accountId), rightsHoldersOf(db, accountId)]);
  return [...new Set([...(signedUp ? [signedUp.id] : []), ...named])].sort();
}

export async function holderPayouts(db: Db, env: Bindings, provider: PaymentsProvider, rightsHolder: string, now = new Date()) {
  const month = monthOf(now);
  const account = await payoutAccountOf(db, rightsHolder);
  const payable = provider.name === 'none' || account !== null;
  const [statements, [preview]] = await Promise.all([
    payoutsOfHolder(db, rightsHolder),
    computePayouts(db, month, { thresholdMicros: payoutThreshold(env.PAYOUT_MINIMUM_MICROS), payable: () => payable }, rightsHolder),
  ]);
  return { rightsHolder, month, provider: provider.name, payoutAccount: account, statements, preview: preview ?? null, thresholdMicros: payoutThreshold(env.PAYOUT_MINIMUM_MICROS) };
}
