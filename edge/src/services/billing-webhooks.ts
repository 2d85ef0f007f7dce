// Webhook events from the payments provider, verified before they get here: each handled once by its event id (a replay
// is acknowledged and ignored) and driving the account: paid → in good standing; failed payment → past due and back to
// pay-as-you-go at the month's end; subscription deleted → pay-as-you-go at the month's end.
import { eq } from 'drizzle-orm';
import { billingAccounts, billingEvents, invoices } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { paymentFailed, paymentSucceeded, subscriptionEnded } from './billing-plans.js';
import type { PaymentsProvider, ProviderEvent } from './payments-provider.js';

export interface WebhookOutcome {
  id: string;
  type: string;
  duplicate: boolean;
  result: string;
}

async function accountOfCustomer(db: Db, customer: unknown): Promise<string | null> {
  if (typeof customer !== 'string' || !customer) return null;
  const row = await db.select({ id: billingAccounts.accountId }).from(billingAccounts).where(eq(billingAccounts.customerId, customer)).get();
  return row?.id ?? null;
}

async function markInvoice(db: Db, providerInvoiceId: unknown, status: 'paid' | 'failed', at: string): Promise<boolean> {
  if (typeof providerInvoiceId !== 'string') return false;
  const rows = await db.update(invoices).set({ paymentStatus: status, paymentUpdatedAt: at }).where(eq(invoices.providerInvoiceId, providerInvoiceId)).returning({ id: invoices.id });
  return rows.length > 0;
}

async function apply(db: Db, provider: PaymentsProvider, e: ProviderEvent, now: Date): Promise<string> {
  const at = now.toISOString();
  switch (e.type) {
    case 'invoice.paid':
    case 'invoice.payment_succeeded': {
      const ours = await markInvoice(db, e.object.id, 'paid', at);
      const account = await accountOfCustomer(db, e.object.customer);
      if (account) await paymentSucceeded(db, account, now);
      return account ? `paid${ours ? '' : ' (plan fee)'}: ${account}` : 'paid: unknown customer';
    }
    case 'invoice.payment_failed': {
      await markInvoice(db, e.object.id, 'failed', at);
      const account = await accountOfCustomer(db, e.object.customer);
      if (!account) return 'payment failed: unknown customer';
      const r = await paymentFailed(db, provider, account, `provider:${e.id}`, now);
      return `payment failed: ${account} past due${r.from ? `, pay-as-you-go from ${r.from}` : ''}`;
    }
    case 'customer.subscription.deleted': {
      const account = await accountOfCustomer(db, e.object.customer);
      if (!account) return 'subscription ended: unknown customer';
      const r = await subscriptionEnded(db, provider, account, `provider:${e.id}`, now);
      return `subscription ended: ${account}${r.from ? `, pay-as-you-go from ${r.from}` : ''}`;
    }
    default:
      return 'ignored';
  }
}

export async function handleEvent(db: Db, provider: PaymentsProvider, e: ProviderEvent, now = new Date()): Promise<WebhookOutcome> {
  const seen = await db.select().from(billingEvents).where(eq(billingEvents.id, e.id)).get();
  if (seen) return { id: e.id, type: e.type, duplicate: true, result: seen.result };
  // Handled first, recorded after: an event that failed half-way is handled again when the provider retries it (each
  // step is idempotent); one that succeeded is never applied twice.
  const result = await apply(db, provider, e, now);
  await db.insert(billingEvents).values({ id: e.id, type: e.type, receivedAt: now.toISOString(), result }).onConflictDoNothing();
  return { id: e.id, type: e.type, duplicate: false, result };
}
