// The keys the local fake Stripe server accepts and signs with (test-only values; nothing here reaches Stripe).
export const FAKE_STRIPE_SECRET_KEY = 'sk_test_clearance_fake_0123456789';
export const FAKE_STRIPE_WEBHOOK_SECRET = 'whsec_clearance_fake_0123456789abcdef';

declare module 'vitest' {
  interface ProvidedContext {
    /** Base URL of the fake Stripe server the edge tests' globalSetup started, e.g. http://127.0.0.1:40123. */
    fakeStripeUrl: string;
  }
}
