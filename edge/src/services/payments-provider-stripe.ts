// The Stripe payments provider on the official SDK, fetch-based so it runs in the Worker (and in Node): customers,
// subscriptions for the plan fee, invoice items + invoices for usage, Express accounts and transfers for payouts, and
// webhook verification (Stripe-Signature, HMAC-SHA256 via WebCrypto). Every create carries an idempotency key.
import Stripe from 'stripe';
import { CURRENCY } from './billing-money.js';
import { ApiError } from './errors.js';
import { type PaymentsProvider, type ProviderEvent, WebhookRefusal } from './payments-provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Another API base (the local fake in tests), e.g. http://127.0.0.1:12111; empty: api.stripe.com. */
  apiBase?: string | undefined;
}

/** How old a webhook may be (seconds) before it is refused as a replay. */
export const WEBHOOK_TOLERANCE_S = 300;

const unixOfMonth = (month: string): number => Date.parse(`${month}-01T00:00:00Z`) / 1000;

/** A Stripe failure as the API's error shape: 502 with Stripe's own message (never a stack), the cause logged. */
async function asApiError<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    console.error(`stripe ${what} failed:`, message);
    throw new ApiError(502, 'payments_provider_error', `the payments provider refused or failed (${what}): ${message.slice(0, 300)}`);
  }
}

export function stripeProvider(s: StripeSettings): PaymentsProvider {
  const p = rawStripeProvider(s);
  return {
    ...p,
    createCustomer: (a) => asApiError('create customer', () => p.createCustomer(a)),
    subscribe: (c, plan, m, a) => asApiError('create subscription', () => p.subscribe(c, plan, m, a)),
    cancelAtPeriodEnd: (id) => asApiError('cancel subscription', () => p.cancelAtPeriodEnd(id)),
    invoiceUsage: (c, inv) => asApiError('invoice usage', () => p.invoiceUsage(c, inv)),
    createPayoutAccount: (h) => asApiError('create payout account', () => p.createPayoutAccount(h)),
    transfer: (d, t) => asApiError('transfer', () => p.transfer(d, t)),
  };
}

function rawStripeProvider(s: StripeSettings): PaymentsProvider {
  const base = s.apiBase ? new URL(s.apiBase) : null;
  const stripe = new Stripe(s.secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 1,
    timeout: 20_000,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'http:' ? 80 : 443), protocol: base.protocol === 'http:' ? 'http' : 'https' } : {}),
  });
  const cryptoProvider = Stripe.createSubtleCryptoProvider();
  return {
    name: 'stripe',
    async createCustomer(account) {
      const c = await stripe.customers.create({ email: account.email, metadata: { clearance_account: account.id } }, { idempotencyKey: `clearance-customer-${account.id}` });
      return c.id;
    },
    async subscribe(customerId, plan, startMonth, accountId) {
      const key = `clearance-sub-${accountId}-${plan.id}-${startMonth}`;
      const price = await stripe.prices.create(
        { currency: CURRENCY, unit_amount: plan.feeMinor, recurring: { interval: 'month' }, product_data: { name: `Clearance ${plan.name}` }, metadata: { clearance_plan: plan.id } },
        { idempotencyKey: `${key}-price` },
      );
      const sub = await stripe.subscriptions.create(
        { customer: customerId, items: [{ price: price.id }], billing_cycle_anchor: unixOfMonth(startMonth), proration_behavior: 'none', metadata: { clearance_account: accountId, clearance_plan: plan.id } },
        { idempotencyKey: key },
      );
      return sub.id;
    },
    async cancelAtPeriodEnd(subscriptionId) {
      await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    },
    async invoiceUsage(customerId, inv) {
      const metadata = { clearance_invoice: inv.id, month: inv.month };
      await stripe.invoiceItems.create({ customer: customerId, amount: inv.usageMinor, currency: CURRENCY, description: inv.description, metadata }, { idempotencyKey: `${inv.id}-item` });
      const draft = await stripe.invoices.create(
        { customer: customerId, collection_method: 'charge_automatically', pending_invoice_items_behavior: 'include', auto_advance: true, metadata },
        { idempotencyKey: `${inv.id}-invoice` },
      );
      const done = await stripe.invoices.finalizeInvoice(draft.id!, {}, { idempotencyKey: `${inv.id}-finalize` });
      return { id: done.id!, status: done.status === 'paid' ? 'paid' : 'open' };
    },
    async createPayoutAccount(holder) {
      const a = await stripe.accounts.create(
        { type: 'express', email: holder.email, capabilities: { transfers: { requested: true } }, metadata: { clearance_rights_holder: holder.rightsHolder } },
        { idempotencyKey: `clearance-account-${holder.rightsHolder}` },
      );
      return a.id;
    },
    async transfer(destination, p) {
      const t = await stripe.transfers.create(
        { amount: p.amountMinor, currency: CURRENCY, destination, transfer_group: `clearance-${p.month}`, metadata: { clearance_payout: p.id, month: p.month } },
        { idempotencyKey: `clearance-transfer-${p.id}` },
      );
      return t.id;
    },
    async verifyEvent(payload, signature): Promise<ProviderEvent> {
      if (!signature) throw new WebhookRefusal('missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(payload, signature, s.webhookSecret, WEBHOOK_TOLERANCE_S, cryptoProvider);
      } catch (err) {
        throw new WebhookRefusal(`webhook not verified: ${err instanceof Error ? err.message.split('\n')[0] : 'bad signature'}`);
      }
      return { id: event.id, type: event.type, created: event.created, object: event.data.object as unknown as ProviderEvent['object'] };
    },
  };
}
