// The `none` payments provider (local use): invoices and payouts are written to D1 only; nothing is billed or paid.
import { type PaymentsProvider, WebhookRefusal } from './payments-provider.js';

export const noneProvider: PaymentsProvider = {
  name: 'none',
  createCustomer: async () => null,
  subscribe: async () => null,
  cancelAtPeriodEnd: async () => undefined,
  invoiceUsage: async () => null,
  createPayoutAccount: async () => null,
  transfer: async () => null,
  verifyEvent: async () => {
    throw new WebhookRefusal('no payments provider is configured (PAYMENTS_PROVIDER=none): webhooks are not accepted');
  },
};
