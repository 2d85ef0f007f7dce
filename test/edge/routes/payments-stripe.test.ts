// The Worker with PAYMENTS_PROVIDER=stripe, the real `stripe` SDK pointed at the local fake Stripe server (started by
// the edge tests' globalSetup): an upgrade creates the subscription, the month close invoices usage and transfers a
// payout, the fake's signed webhooks drive accounts (a failed payment → pay-as-you-go at the month's start, private
// collections read-only), and replayed or forged webhooks change nothing.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import app from '../../../edge/src/index.js';
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from '../../support/fake-stripe-config.js';
import { chargeAt, closeMonthApi, exportMonth, openedIn2024 } from '../billing-helpers.js';
import { type CallInit, expectError, fetchWorker, newAccount, requestInit, seedItem } from '../helpers.js';
import { signUp } from '../holder-helpers.js';

const fake = inject('fakeStripeUrl');
const stripeEnv = { ...env, PAYMENTS_PROVIDER: 'stripe', STRIPE_API_BASE: fake, STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET } as unknown as Env;

/** The Worker as deployed with Stripe configured (same app, other bindings). */
const stripeCall = (path: string, init: CallInit = {}): Promise<Response> =>
  fetchWorker(new Request(`http://edge.test${path}`, { ...requestInit(init), redirect: 'manual' }), stripeEnv);
const control = async <T>(path: string, body?: unknown): Promise<T> =>
  (await (await fetch(`${fake}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })).json()) as T;
const webhook = (e: { payload: string; signature: string }) => stripeCall('/v1/payments/webhook', { method: 'POST', body: e.payload, headers: { 'Stripe-Signature': e.signature, 'Content-Type': 'application/json' } });
const row = <T>(sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<T>();

const MONTH = '2025-07';
const thisMonth = new Date().toISOString().slice(0, 7);
const nextMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 7);

describe('payments through Stripe (real SDK, local fake)', async () => {
  const c = await newAccount('payg');
  const d = await newAccount('curation');
  const holder = await signUp('Atelier Three');
  await openedIn2024(c.id, d.id);
  const work = await seedItem({ priceMicros: 12_000_000, rightsHolder: holder.holderId, withFile: false });
  const free = await seedItem({ priceMicros: 0, withFile: false });

  it('an upgrade creates the customer and a subscription billed from the first of next month', async () => {
    const res = await stripeCall('/v1/billing/upgrade', { method: 'POST', key: c.key, json: { plan: 'curation' } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ plan: 'curation', from: nextMonth });
    const billing = (await row<{ customer_id: string; subscription_id: string; pending_plan_id: string }>('SELECT * FROM billing_accounts WHERE account_id = ?', c.id))!;
    expect(billing).toMatchObject({ customer_id: expect.stringMatching(/^cus_/), subscription_id: expect.stringMatching(/^sub_/), pending_plan_id: 'curation' });
    const sub = await control<{ customer: string; billing_cycle_anchor: number; proration_behavior: string; metadata: Record<string, string> }>(`/_fake/objects/${billing.subscription_id}`);
    expect(sub).toMatchObject({ customer: billing.customer_id, billing_cycle_anchor: Date.parse(`${nextMonth}-01T00:00:00Z`) / 1000, proration_behavior: 'none', metadata: { clearance_account: c.id, clearance_plan: 'curation' } });
    expect(await control(`/_fake/objects/${billing.customer_id}`)).toMatchObject({ metadata: { clearance_account: c.id } });
  });

  it('a holder sets up a payout account from the dashboard', async () => {
    const res = await stripeCall('/holder/payouts/account', {
      method: 'POST', body: new URLSearchParams({ csrf: holder.csrf }).toString(),
      headers: { Cookie: holder.cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://edge.test', 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(res.status).toBe(303);
    const acct = (await row<{ provider_account_id: string }>('SELECT * FROM payout_accounts WHERE rights_holder = ?', holder.holderId))!.provider_account_id;
    expect(await control(`/_fake/objects/${acct}`)).toMatchObject({ object: 'account', type: 'express', metadata: { clearance_rights_holder: holder.holderId } });
  });

  it('the month close invoices usage and transfers the payout through Stripe; a re-run sends nothing again', async () => {
    for (const [key, item] of [[c.key, work], [c.key, free], [d.key, work]] as const) expect((await chargeAt(key, item.id, `${MONTH}-05T09:00:00Z`)).kind).toBe('charged');
    const s = await closeMonthApi(MONTH, stripeCall);
    expect(s.invoices).toMatchObject({ sent: 2, failed: 0 });
    expect(s.payouts).toMatchObject({ transferred: 1, failed: 0 });
    expect(s.reconciliation.invoicesMatch && s.reconciliation.payoutsMatch).toBe(true);
    const inv = (await row<{ provider_invoice_id: string; usage_minor: number; payment_status: string }>('SELECT * FROM invoices WHERE account_id = ? AND month = ?', c.id, MONTH))!;
    // c: 12,000,000 + 1,000 + 0 + 1,000 µ$ = 12,002,000 µ$ → 1200.2 cents → 1200
    expect(inv).toMatchObject({ usage_minor: 1200, payment_status: 'open', provider_invoice_id: expect.stringMatching(/^in_/) });
    expect(await control(`/_fake/objects/${inv.provider_invoice_id}`)).toMatchObject({ status: 'open', amount_due: 1200, metadata: { clearance_invoice: `inv_${MONTH}_${c.id}` } });
    const payout = (await row<{ status: string; provider_transfer_id: string; paid_minor: number; carried_out_micros: number }>('SELECT * FROM payouts WHERE rights_holder = ? AND month = ?', holder.holderId, MONTH))!;
    expect(payout).toMatchObject({ status: 'paid', paid_minor: 2400, carried_out_micros: 0 });
    expect(await control(`/_fake/objects/${payout.provider_transfer_id}`)).toMatchObject({ object: 'transfer', amount: 2400, currency: 'usd' });

    const before = await exportMonth(MONTH, '', stripeCall);
    const counts = async () => [(await control<unknown[]>('/_fake/list/invoice')).length, (await control<unknown[]>('/_fake/list/transfer')).length];
    const sent = await counts();
    const again = await closeMonthApi(MONTH, stripeCall);
    expect(again).toMatchObject({ firstClose: false, invoices: { written: 0, sent: 0 }, payouts: { written: 0, transferred: 0 } });
    expect(await counts()).toEqual(sent);
    expect(await exportMonth(MONTH, '', stripeCall)).toBe(before);
  });

  it('a paid invoice is marked paid; a failed payment puts the account past due and back on pay-as-you-go next month', async () => {
    const cInv = (await row<{ provider_invoice_id: string }>('SELECT provider_invoice_id FROM invoices WHERE account_id = ? AND month = ?', c.id, MONTH))!.provider_invoice_id;
    const paid = await control<{ payload: string; signature: string }>(`/_fake/invoices/${cInv}/pay`, { outcome: 'paid' });
    expect((await webhook(paid)).status).toBe(200);
    expect((await stripeCall(`/v1/billing/invoices/${MONTH}`, { key: c.key }).then((r) => r.json()) as { invoice: { paymentStatus: string } }).invoice.paymentStatus).toBe('paid');

    // d (curation) has a private collection, then its payment fails.
    const col = await stripeCall('/v1/collections', { method: 'POST', key: d.key, json: { name: 'kept' } });
    expect(col.status).toBe(201);
    const dInv = (await row<{ provider_invoice_id: string }>('SELECT provider_invoice_id FROM invoices WHERE account_id = ? AND month = ?', d.id, MONTH))!.provider_invoice_id;
    const failed = await control<{ id: string; payload: string; signature: string }>(`/_fake/invoices/${dInv}/pay`, { outcome: 'failed' });
    const res = await webhook(failed);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ duplicate: false, result: expect.stringContaining(`pay-as-you-go from ${nextMonth}`) });
    const billing = await stripeCall('/v1/billing', { key: d.key }).then((r) => r.json()) as { status: string; pending: unknown; plan: { id: string } };
    expect(billing).toMatchObject({ status: 'past_due', plan: { id: 'curation' }, pending: { plan: 'payg', from: nextMonth, reason: 'payment_failed' } });
    expect((await row<{ payment_status: string }>('SELECT payment_status FROM invoices WHERE provider_invoice_id = ?', dInv))!.payment_status).toBe('failed');

    // The same event again (a provider retry or a replay) is acknowledged and changes nothing.
    const logged = async () => (await row<{ n: number }>('SELECT count(*) AS n FROM plan_changes WHERE account_id = ?', d.id))!.n;
    const n = await logged();
    const replay = await webhook(failed);
    expect(await replay.json()).toMatchObject({ duplicate: true });
    expect(await logged()).toBe(n);
  });

  it('refuses forged, tampered, stale and unsigned webhooks', async () => {
    const e = await control<{ payload: string; signature: string }>('/_fake/events', { type: 'customer.subscription.deleted', object: { id: 'sub_x', customer: 'cus_x' } });
    const t = Math.floor(Date.now() / 1000);
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('whsec_attacker'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const sig = [...new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${t}.${e.payload}`)))].map((b) => b.toString(16).padStart(2, '0')).join('');
    await expectError(await webhook({ payload: e.payload, signature: `t=${t},v1=${sig}` }), 400, 'bad_signature');
    await expectError(await webhook({ payload: e.payload.replace('cus_x', 'cus_y'), signature: e.signature }), 400, 'bad_signature');
    const stale = await control<{ payload: string; signature: string }>('/_fake/events', { type: 'invoice.paid', object: {}, t: t - 3600 });
    await expectError(await webhook(stale), 400, 'bad_signature');
    await expectError(await stripeCall('/v1/payments/webhook', { method: 'POST', body: e.payload }), 400, 'bad_signature');
    // With no provider configured, no webhook is accepted at all.
    const none = await app.fetch(new Request('http://edge.test/v1/payments/webhook', { method: 'POST', body: e.payload, headers: { 'Stripe-Signature': e.signature } }), env, createExecutionContext());
    await expectError(none, 400, 'bad_signature');
    expect((await row<{ n: number }>('SELECT count(*) AS n FROM billing_events WHERE type = ?', 'customer.subscription.deleted'))!.n).toBe(0);
  });

  it('at the month start the cron closes the month and applies the changes: d on pay-as-you-go with read-only collections, c on curation', async () => {
    const ctx = createExecutionContext();
    await app.scheduled(createScheduledController({ scheduledTime: Date.parse(`${nextMonth}-01T00:15:00Z`), cron: '15 0 1 * *' }), stripeEnv, ctx);
    await waitOnExecutionContext(ctx);
    expect((await row<{ n: number }>('SELECT count(*) AS n FROM month_closes WHERE month = ?', thisMonth))!.n).toBe(1);
    const plans = async (id: string) => (await row<{ plan_id: string }>('SELECT plan_id FROM accounts WHERE id = ?', id))!.plan_id;
    expect([await plans(c.id), await plans(d.id)]).toEqual(['curation', 'payg']);
    const changes = await stripeCall('/v1/billing/changes', { key: d.key }).then((r) => r.json()) as { changes: { event: string; reason: string; toPlan: string; effectiveMonth: string }[] };
    expect(changes.changes[0]).toMatchObject({ event: 'applied', reason: 'payment_failed', toPlan: 'payg', effectiveMonth: nextMonth });
    expect((await stripeCall('/v1/collections', { key: d.key })).status).toBe(200);
    await expectError(await stripeCall('/v1/collections', { method: 'POST', key: d.key, json: { name: 'new' } }), 403, 'plan_forbidden');
    // The closed month billed d's plan fee for the month it was still on curation.
    const closed = JSON.parse(await exportMonth(thisMonth, '', stripeCall)) as { invoices: { accountId: string; planId: string }[] };
    expect(closed.invoices.find((i) => i.accountId === d.id)?.planId).toBe('curation');
    expect(closed.invoices.find((i) => i.accountId === c.id)?.planId).toBe('payg');
  });
});
