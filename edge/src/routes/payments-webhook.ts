// POST /v1/payments/webhook: the payments provider's events, verified by signature (Stripe-Signature, 5 minutes'
// tolerance), handled once per event id (a replay answers 200 `duplicate` and changes nothing), then driving accounts.
import { createRoute, z } from '@hono/zod-openapi';
import { errors, json, router } from '../http/validation.js';
import { handleEvent } from '../services/billing-webhooks.js';
import { ApiError } from '../services/errors.js';
import { WebhookRefusal } from '../services/payments-provider.js';
import { paymentsProvider } from '../services/payments-provider-select.js';

export const paymentsWebhookRoutes = router();

paymentsWebhookRoutes.openapi(
  createRoute({
    method: 'post', path: '/webhook', tags: ['billing'],
    summary: 'Webhook endpoint for the payments provider (Stripe): invoice.paid, invoice.payment_failed, customer.subscription.deleted',
    responses: { 200: json(z.object({ received: z.boolean(), duplicate: z.boolean(), result: z.string() }), 'Handled (or a replay, ignored)'), ...errors },
  }),
  async (c) => {
    const provider = paymentsProvider(c.env);
    const payload = await c.req.text();
    let event;
    try {
      event = await provider.verifyEvent(payload, c.req.header('Stripe-Signature'));
    } catch (err) {
      if (err instanceof WebhookRefusal) throw new ApiError(400, 'bad_signature', err.message);
      throw err;
    }
    const r = await handleEvent(c.var.db, provider, event);
    return c.json({ received: true, duplicate: r.duplicate, result: r.result }, 200);
  },
);
