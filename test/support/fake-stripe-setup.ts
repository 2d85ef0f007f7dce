// Vitest globalSetup for the edge tests: the fake Stripe server on 127.0.0.1, its URL provided as `fakeStripeUrl`.
import type { TestProject } from 'vitest/node';
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from './fake-stripe-config.js';
import { startFakeStripe } from './fake-stripe.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const fake = await startFakeStripe({ secretKey: FAKE_STRIPE_SECRET_KEY, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET });
  project.provide('fakeStripeUrl', fake.url);
  return () => fake.close();
}
