// The payments provider as the rest of the Worker sees it: customers, plan subscriptions, usage invoices, payout
// accounts, transfers and verified webhook events. Implementations: `none` (D1 only) and `stripe` (the official SDK).

export interface ProviderPlan {
  id: string;
  name: string;
  /** The plan's monthly fee in cents. */
  feeMinor: number;
}

/** A webhook event whose signature was verified: its id (for idempotency), type and object. */
export interface ProviderEvent {
  id: string;
  type: string;
  created: number;
  object: { id?: string; customer?: string | null; [key: string]: unknown };
}

export interface PaymentsProvider {
  readonly name: 'none' | 'stripe';
  /** Creates the provider's customer for an account (idempotent per account); null: no provider. */
  createCustomer(account: { id: string; email: string }): Promise<string | null>;
  /** Subscribes a customer to a plan's monthly fee, first billed on the first day of `startMonth` (no proration). */
  subscribe(customerId: string, plan: ProviderPlan, startMonth: string, accountId: string): Promise<string | null>;
  /** Ends a subscription at the end of its current period (the month): nothing more is billed after it. */
  cancelAtPeriodEnd(subscriptionId: string): Promise<void>;
  /** Bills a closed month's usage (fees + rights holders' prices, in cents) as an invoice item and an invoice. */
  invoiceUsage(customerId: string, invoice: { id: string; month: string; usageMinor: number; description: string }): Promise<{ id: string; status: 'open' | 'paid' } | null>;
  /** A connected account a rights holder is paid to. */
  createPayoutAccount(holder: { rightsHolder: string; email: string }): Promise<string | null>;
  /** Transfers a payout (cents) to a connected account; idempotent per payout id. */
  transfer(destination: string, payout: { id: string; month: string; rightsHolder: string; amountMinor: number }): Promise<string | null>;
  /** Verifies a webhook's signature (and age) and parses it; throws ProviderRefusal when it does not verify. */
  verifyEvent(payload: string, signature: string | undefined): Promise<ProviderEvent>;
}

/** A webhook the provider would not vouch for (bad or missing signature, too old, or no provider configured). */
export class WebhookRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookRefusal';
  }
}
