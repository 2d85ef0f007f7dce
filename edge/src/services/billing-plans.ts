// Plan changes a person expects: an upgrade starts on the first day of the next month (no proration: the new plan's
// fee is billed for whole months from then), a cancellation ends a paid plan at the month's end, a failed payment
// moves the account back to pay-as-you-go at the month's end (private collections stay readable). Every change is logged.
import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import { accounts, billingAccounts, plans, planChanges } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { chargeMinor, nextMonth } from './billing-money.js';
import { newId } from './crypto.js';
import { ApiError, notFound } from './errors.js';
import { monthOf } from './months.js';
import type { PaymentsProvider } from './payments-provider.js';

/** The plan every paid plan falls back to. */
export const FREE_PLAN = 'payg';

export type ChangeReason = (typeof planChanges.$inferSelect)['reason'];
export type BillingAccount = typeof billingAccounts.$inferSelect;

/** The account's billing state as stored, or the state of an account that never touched billing (nothing written). */
export async function readBilling(db: Db, accountId: string): Promise<BillingAccount> {
  const row = await db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get();
  return row ?? { accountId, customerId: null, subscriptionId: null, status: 'active', pendingPlanId: null, pendingFrom: null, pendingReason: null, updatedAt: '' };
}

/** The account's billing row, created on first need (writes go through it). */
export async function billingOf(db: Db, accountId: string, now = new Date()): Promise<BillingAccount> {
  const row = await db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get();
  if (row) return row;
  await db.insert(billingAccounts).values({ accountId, updatedAt: now.toISOString() }).onConflictDoNothing();
  return (await db.select().from(billingAccounts).where(eq(billingAccounts.accountId, accountId)).get())!;
}

async function planById(db: Db, id: string) {
  const plan = await db.select().from(plans).where(eq(plans.id, id)).get();
  if (!plan) throw new ApiError(400, 'unknown_plan', `plan '${id}' does not exist`);
  return plan;
}

async function accountOf(db: Db, accountId: string) {
  const a = await db.select().from(accounts).where(eq(accounts.id, accountId)).get();
  if (!a) throw notFound('account');
  return a;
}

const logRow = (accountId: string, fromPlan: string, toPlan: string, effectiveMonth: string, event: 'scheduled' | 'applied' | 'withdrawn', reason: ChangeReason, by: string, now: Date) =>
  ({ id: newId('pc'), accountId, fromPlan, toPlan, effectiveMonth, event, reason, by, at: now.toISOString() });

/** The customer at the provider for an account, created on first need. */
export async function ensureCustomer(db: Db, provider: PaymentsProvider, accountId: string, now = new Date()): Promise<string | null> {
  const billing = await billingOf(db, accountId, now);
  if (billing.customerId || provider.name === 'none') return billing.customerId;
  const account = await accountOf(db, accountId);
  const customerId = await provider.createCustomer({ id: account.id, email: account.email });
  await db.update(billingAccounts).set({ customerId, updatedAt: now.toISOString() }).where(eq(billingAccounts.accountId, accountId));
  return customerId;
}

/** Schedules a move to a paid plan from the first day of next month, and subscribes the customer from that day. */
export async function requestUpgrade(db: Db, provider: PaymentsProvider, accountId: string, toPlan: string, by: string, now = new Date()) {
  const account = await accountOf(db, accountId);
  const plan = await planById(db, toPlan);
  if (plan.monthlyFeeMicros <= 0) throw new ApiError(400, 'invalid_request', `'${toPlan}' has no monthly fee; to leave a paid plan, cancel it`);
  if (account.planId === toPlan) throw new ApiError(409, 'conflict', `you are already on '${toPlan}'`);
  const billing = await billingOf(db, accountId, now);
  if (billing.pendingPlanId) throw new ApiError(409, 'conflict', `a change to '${billing.pendingPlanId}' from ${billing.pendingFrom} is already scheduled`);
  const from = nextMonth(monthOf(now));
  const customerId = await ensureCustomer(db, provider, accountId, now);
  const subscriptionId = customerId ? await provider.subscribe(customerId, { id: plan.id, name: plan.name, feeMinor: chargeMinor(plan.monthlyFeeMicros) }, from, accountId) : null;
  await db.batch([
    db.update(billingAccounts).set({ subscriptionId, pendingPlanId: toPlan, pendingFrom: from, pendingReason: 'upgrade', updatedAt: now.toISOString() }).where(eq(billingAccounts.accountId, accountId)),
    db.insert(planChanges).values(logRow(accountId, account.planId, toPlan, from, 'scheduled', 'upgrade', by, now)),
  ]);
  return { from, toPlan, subscriptionId };
}

/** Schedules the return to pay-as-you-go at the month's end; the subscription ends then too. */
export async function requestCancel(db: Db, provider: PaymentsProvider, accountId: string, by: string, now = new Date()) {
  return scheduleFree(db, provider, accountId, 'cancel', by, now, true);
}

/** A failed payment: the account is past due and returns to pay-as-you-go at the month's end. */
export async function paymentFailed(db: Db, provider: PaymentsProvider, accountId: string, by: string, now = new Date()) {
  await billingOf(db, accountId, now);
  await db.update(billingAccounts).set({ status: 'past_due', updatedAt: now.toISOString() }).where(eq(billingAccounts.accountId, accountId));
  return scheduleFree(db, provider, accountId, 'payment_failed', by, now, false);
}

/** A payment went through: the account is in good standing again (a scheduled move stays scheduled). */
export async function paymentSucceeded(db: Db, accountId: string, now = new Date()) {
  await billingOf(db, accountId, now);
  await db.update(billingAccounts).set({ status: 'active', updatedAt: now.toISOString() }).where(eq(billingAccounts.accountId, accountId));
}

export async function subscriptionEnded(db: Db, provider: PaymentsProvider, accountId: string, by: string, now = new Date()) {
  return scheduleFree(db, provider, accountId, 'subscription_ended', by, now, false);
}

async function scheduleFree(db: Db, provider: PaymentsProvider, accountId: string, reason: ChangeReason, by: string, now: Date, asked: boolean) {
  const account = await accountOf(db, accountId);
  const billing = await billingOf(db, accountId, now);
  const from = nextMonth(monthOf(now));
  const upgrading = billing.pendingPlanId !== null && billing.pendingPlanId !== FREE_PLAN;
  if (account.planId === FREE_PLAN && !upgrading) {
    if (asked) throw new ApiError(409, 'conflict', 'you are on pay-as-you-go already: there is nothing to cancel');
    return { from: null, toPlan: FREE_PLAN, changed: false };
  }
  if (billing.pendingPlanId === FREE_PLAN) {
    if (asked) throw new ApiError(409, 'conflict', `the return to pay-as-you-go from ${billing.pendingFrom} is already scheduled`);
    return { from: billing.pendingFrom, toPlan: FREE_PLAN, changed: false };
  }
  if (billing.subscriptionId) await provider.cancelAtPeriodEnd(billing.subscriptionId);
  const at = now.toISOString();
  const stmts = [];
  if (upgrading) {
    // An upgrade not yet started is withdrawn; the plan in use does not change.
    stmts.push(db.insert(planChanges).values(logRow(accountId, account.planId, billing.pendingPlanId!, billing.pendingFrom!, 'withdrawn', reason, by, now)));
  }
  const onFree = account.planId === FREE_PLAN;
  stmts.push(
    db.update(billingAccounts).set(onFree ? { pendingPlanId: null, pendingFrom: null, pendingReason: null, updatedAt: at } : { pendingPlanId: FREE_PLAN, pendingFrom: from, pendingReason: reason, updatedAt: at }).where(eq(billingAccounts.accountId, accountId)),
  );
  if (!onFree) stmts.push(db.insert(planChanges).values(logRow(accountId, account.planId, FREE_PLAN, from, 'scheduled', reason, by, now)));
  await db.batch(stmts as [(typeof stmts)[0], ...typeof stmts]);
  return { from: onFree ? null : from, toPlan: FREE_PLAN, changed: true };
}

/** Applies every scheduled change whose month has started (by `month`): the account's plan changes, logged. */
export async function applyDueChanges(db: Db, month: string, now = new Date()): Promise<number> {
  const due = await db
    .select({ accountId: billingAccounts.accountId, to: billingAccounts.pendingPlanId, from: billingAccounts.pendingFrom, reason: billingAccounts.pendingReason, plan: accounts.planId })
    .from(billingAccounts)
    .innerJoin(accounts, eq(accounts.id, billingAccounts.accountId))
    .where(and(isNotNull(billingAccounts.pendingPlanId), lte(billingAccounts.pendingFrom, month)));
  for (const d of due) {
    const at = now.toISOString();
    const clearSub = d.to === FREE_PLAN ? { subscriptionId: null } : {};
    await db.batch([
      db.update(accounts).set({ planId: d.to! }).where(eq(accounts.id, d.accountId)),
      db.update(billingAccounts).set({ pendingPlanId: null, pendingFrom: null, pendingReason: null, updatedAt: at, ...clearSub }).where(eq(billingAccounts.accountId, d.accountId)),
      db.insert(planChanges).values(logRow(d.accountId, d.plan, d.to!, d.from!, 'applied', (d.reason ?? 'admin') as ChangeReason, 'month-start', now)),
    ]);
  }
  return due.length;
}

/** Logs a plan an admin set at once (it is billed for the whole current month). */
export async function logAdminChange(db: Db, accountId: string, fromPlan: string, toPlan: string, now = new Date()) {
  if (fromPlan === toPlan) return;
  await db.insert(planChanges).values(logRow(accountId, fromPlan, toPlan, monthOf(now), 'applied', 'admin', 'admin', now));
}

export async function planChangesOf(db: Db, accountId: string) {
  return db.select().from(planChanges).where(eq(planChanges.accountId, accountId)).orderBy(asc(planChanges.at), asc(planChanges.id));
}
