// The Stripe provider on the real `stripe` SDK (fetch client, WebCrypto signatures) against the local fake Stripe
// server: customer and subscription, usage invoiced, payout transferred, idempotent retries, webhooks verified.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeProvider } from '../../../edge/src/services/payments-provider-stripe.js';
import { WebhookRefusal } from '../../../edge/src/services/payments-provider.js';
import { FAKE_STRIPE_SECRET_KEY as KEY, FAKE_STRIPE_WEBHOOK_SECRET as WHSEC } from '../../support/fake-stripe-config.js';
import { type FakeStripe, startFakeStripe, stripeSignature } from '../../support/fake-stripe.js';

let fake: FakeStripe;
const control = async <T>(path: string, body?: unknown): Promise<T> =>
  (await (await fetch(`${fake.url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })).json()) as T;
type Req = { method: string; path: string; params: Record<string, unknown>; idempotencyKey: string | null; stripeVersion: string | null; userAgent: string | null };

beforeAll(async () => {
  fake = await startFakeStripe({ secretKey: KEY, webhookSecret: WHSEC });
});
afterAll(() => fake.close());

describe('stripe provider (real SDK, local fake)', () => {
  it('creates a customer and a subscription billed from the first of next month, without proration', async () => {
    const p = stripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBase: fake.url });
    const customer = await p.createCustomer({ id: 'acct_1', email: 'a@example.org' });
    expect(customer).toMatch(/^cus_/);
    const sub = await p.subscribe(customer!, { id: 'curation', name: 'Curation', feeMinor: 1000 }, '2027-01', 'acct_1');
    expect(sub).toMatch(/^sub_/);
    const stored = await control<{ customer: string; billing_cycle_anchor: number; proration_behavior: string; items: { data: { price: { unit_amount: number; recurring: { interval: string } } }[] } }>(`/_fake/objects/${sub}`);
    expect(stored.customer).toBe(customer);
    expect(stored.billing_cycle_anchor).toBe(Date.parse('2027-01-01T00:00:00Z') / 1000);
    expect(stored.proration_behavior).toBe('none');
    expect(stored.items.data[0]!.price).toMatchObject({ unit_amount: 1000, recurring: { interval: 'month' } });
    const reqs = await control<Req[]>('/_fake/requests');
    expect(reqs.every((r) => r.stripeVersion && r.userAgent?.startsWith('Stripe/v1 NodeBindings'))).toBe(true);
    expect(reqs.find((r) => r.path === '/v1/subscriptions')!.idempotencyKey).toBe('clearance-sub-acct_1-curation-2027-01');
    await p.cancelAtPeriodEnd(sub!);
    expect((await control<{ cancel_at_period_end: boolean }>(`/_fake/objects/${sub}`)).cancel_at_period_end).toBe(true);
  });

  it('invoices usage as an invoice item on a finalized invoice; a retry gets the same objects back', async () => {
    const p = stripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBase: fake.url });
    const customer = (await p.createCustomer({ id: 'acct_2', email: 'b@example.org' }))!;
    const inv = { id: 'inv_2026-10_acct_2', month: '2026-10', usageMinor: 1235, description: 'usage' };
    const billed = await p.invoiceUsage(customer, inv);
    expect(billed).toMatchObject({ id: expect.stringMatching(/^in_/), status: 'open' });
    const stored = await control<{ amount_due: number; status: string; lines: { data: { amount: number }[] }; metadata: Record<string, string> }>(`/_fake/objects/${billed!.id}`);
    expect(stored).toMatchObject({ amount_due: 1235, status: 'open', metadata: { clearance_invoice: inv.id, month: '2026-10' } });
    expect(stored.lines.data.map((l) => l.amount)).toEqual([1235]);
    // The whole call again (a month close re-run after a crash): the idempotency keys replay, nothing is billed twice.
    const again = await p.invoiceUsage(customer, inv).catch((e: Error) => e);
    expect(again).toMatchObject({ id: billed!.id });
    expect((await control<unknown[]>('/_fake/list/invoice')).filter((i) => (i as { customer: string }).customer === customer)).toHaveLength(1);
  });

  it('creates a payout account and transfers a payout to it, once per payout id', async () => {
    const p = stripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBase: fake.url });
    const account = (await p.createPayoutAccount({ rightsHolder: 'Museum A', email: 'm@example.org' }))!;
    expect(account).toMatch(/^acct_/);
    const t1 = await p.transfer(account, { id: 'po_1', month: '2026-10', rightsHolder: 'Museum A', amountMinor: 4321 });
    const t2 = await p.transfer(account, { id: 'po_1', month: '2026-10', rightsHolder: 'Museum A', amountMinor: 4321 });
    expect(t1).toMatch(/^tr_/);
    expect(t2).toBe(t1);
    expect(await control(`/_fake/objects/${t1}`)).toMatchObject({ amount: 4321, currency: 'usd', destination: account, metadata: { clearance_payout: 'po_1' } });
  });

  it('surfaces Stripe errors: unknown customer, bad key', async () => {
    const p = stripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBase: fake.url });
    await expect(p.invoiceUsage('cus_nope', { id: 'x', month: '2026-10', usageMinor: 1, description: 'd' })).rejects.toMatchObject({ status: 502, code: 'payments_provider_error', message: expect.stringContaining("No such customer: 'cus_nope'") });
    const bad = stripeProvider({ secretKey: 'sk_test_wrong', webhookSecret: WHSEC, apiBase: fake.url });
    await expect(bad.createCustomer({ id: 'a', email: 'a@example.org' })).rejects.toThrow(/Invalid API Key/);
  });

  it('verifies webhooks: signed by the fake passes; forged, stale, tampered or unsigned ones are refused', async () => {
    const p = stripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBase: fake.url });
    const e = await control<{ id: string; payload: string; signature: string }>('/_fake/events', { type: 'invoice.paid', object: { id: 'in_1', customer: 'cus_1' } });
    expect(await p.verifyEvent(e.payload, e.signature)).toMatchObject({ id: e.id, type: 'invoice.paid', object: { id: 'in_1', customer: 'cus_1' } });
    await expect(p.verifyEvent(e.payload, stripeSignature('whsec_someone_else', e.payload))).rejects.toThrow(WebhookRefusal);
    const stale = await control<{ payload: string; signature: string }>('/_fake/events', { type: 'invoice.paid', object: {}, t: Math.floor(Date.now() / 1000) - 3600 });
    await expect(p.verifyEvent(stale.payload, stale.signature)).rejects.toThrow(/timestamp outside the tolerance/i);
    await expect(p.verifyEvent(e.payload.replace('in_1', 'in_2'), e.signature)).rejects.toThrow(WebhookRefusal);
    await expect(p.verifyEvent(e.payload, undefined)).rejects.toThrow(/missing Stripe-Signature/);
  });

  it('sends the signed events it emits to a webhook URL (as to a `wrangler dev` Worker), which verify', async () => {
    const got: { body: string; signature: string | undefined }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        got.push({ body, signature: req.headers['stripe-signature'] as string | undefined });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const sender = await startFakeStripe({ secretKey: KEY, webhookSecret: WHSEC, webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/payments/webhook` });
    try {
      const p = stripeProvider({ secretKey: KEY, webhookSecret: WHSEC, apiBase: sender.url });
      const customer = (await p.createCustomer({ id: 'acct_w', email: 'w@example.org' }))!;
      const inv = (await p.invoiceUsage(customer, { id: 'inv_w', month: '2026-10', usageMinor: 99, description: 'usage' }))!;
      await fetch(`${sender.url}/_fake/invoices/${inv.id}/pay`, { method: 'POST', body: JSON.stringify({ outcome: 'failed' }) });
      expect(got).toHaveLength(1);
      const event = await p.verifyEvent(got[0]!.body, got[0]!.signature);
      expect(event).toMatchObject({ type: 'invoice.payment_failed', object: { id: inv.id, customer } });
    } finally {
      await sender.close();
      receiver.close();
    }
  });
});
