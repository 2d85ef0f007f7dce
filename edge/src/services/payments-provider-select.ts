// Which payments provider the Worker uses: PAYMENTS_PROVIDER=none|stripe; stripe needs both of its secrets.
import type { Bindings } from '../types/env.js';
import { ApiError } from './errors.js';
import type { PaymentsProvider } from './payments-provider.js';
import { noneProvider } from './payments-provider-none.js';
import { stripeProvider } from './payments-provider-stripe.js';

export function paymentsProvider(env: Bindings): PaymentsProvider {
  const name = env.PAYMENTS_PROVIDER || 'none';
  if (name === 'none') return noneProvider;
  if (name !== 'stripe') throw new ApiError(503, 'misconfigured', `PAYMENTS_PROVIDER is '${name}'; use none or stripe`);
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) {
    throw new ApiError(503, 'misconfigured', 'PAYMENTS_PROVIDER=stripe needs the secrets STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET');
  }
  return stripeProvider({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiBase: env.STRIPE_API_BASE });
}
