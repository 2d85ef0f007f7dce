// Monthly usage of an account: downloads against the plan's quota, the month's charges and the spending cap.
import { and, eq } from 'drizzle-orm';
import { accounts, plans, usageMonthly } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { notFound } from './errors.js';

export async function usageFor(db: Db, accountId: string, month: string) {
  const acct = await db
    .select({ planId: plans.id, quota: plans.monthlyDownloads, fee: plans.monthlyFeeMicros, cap: accounts.spendCapMicros })
    .from(accounts)
    .innerJoin(plans, eq(plans.id, accounts.planId))
    .where(eq(accounts.id, accountId))
    .get();
  if (!acct) throw notFound('account');
  const u = await db
    .select()
    .from(usageMonthly)
    .where(and(eq(usageMonthly.accountId, accountId), eq(usageMonthly.month, month)))
    .get();
  const downloads = u?.downloads ?? 0;
  const feesMicros = u?.feesMicros ?? 0;
  const pricesMicros = u?.pricesMicros ?? 0;
  return {
    month,
    plan: acct.planId,
    downloads,
    quota: acct.quota,
    remaining: Math.max(0, acct.quota - downloads),
    charges: { feesMicros, pricesMicros, planMicros: acct.fee, totalMicros: feesMicros + pricesMicros + acct.fee },
    // the cap counts download charges (fees + prices), not the plan fee
    spendCapMicros: acct.cap,
    spendRemainingMicros: acct.cap === null ? null : Math.max(0, acct.cap - feesMicros - pricesMicros),
  };
}
