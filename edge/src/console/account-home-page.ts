// The customer's account page: plan and standing, a scheduled change, upgrade/cancel forms, this month so far and
// the closed invoices with their exports.
import { attr, html } from '../../../site/src/render/html.js';
import type { customerBilling } from '../services/billing-overview.js';
import { when } from './bits.js';
import { cents, invoiceTable, usd } from './billing-bits.js';
import { csrfField, layout, type Viewer } from './layout.js';

export interface AccountHomeOptions {
  viewer: Viewer;
  billing: Awaited<ReturnType<typeof customerBilling>>;
  notice?: string | undefined;
  error?: string | undefined;
}

const REASONS: Record<string, string> = {
  upgrade: 'your upgrade', cancel: 'your cancellation', payment_failed: 'a failed payment', subscription_ended: 'the end of your subscription', admin: 'an administrator',
};

export function accountHomePage(p: AccountHomeOptions): string {
  const b = p.billing;
  const paid = b.plans.filter((pl) => pl.monthlyFeeMicros > 0 && pl.id !== b.plan.id);
  const upgrade = !b.pending && paid.length
    ? html`<form method="post" action="/account/plan/upgrade" data-testid="upgrade-form">${csrfField(p.viewer)}
<fieldset><legend>Upgrade</legend>${paid.map((pl, i) => html`<label><input type="radio" name="plan"${attr('value', pl.id)}${attr('checked', i === 0)}> ${pl.name}: ${usd(pl.monthlyFeeMicros)} a month, ${pl.monthlyDownloads} downloads${pl.privateCollections ? ', private collections' : ''}</label>`)}</fieldset>
<p class="hint">The new plan starts on the first day of next month and is billed for whole months from then (no proration).</p>
<button type="submit">Upgrade from next month</button></form>`
    : '';
  const cancel = b.plan.monthlyFeeMicros > 0 && !b.pending
    ? html`<form method="post" action="/account/plan/cancel" data-testid="cancel-form">${csrfField(p.viewer)}
<p class="hint">You keep ${b.plan.name} until the end of this month, then pay as you go. Private collections stay readable (listing and manifests) but cannot be changed.</p>
<button type="submit">Cancel ${b.plan.name} at the month's end</button></form>`
    : b.pending && b.pending.plan !== 'payg'
      ? html`<form method="post" action="/account/plan/cancel">${csrfField(p.viewer)}<button type="submit">Withdraw the upgrade</button></form>`
      : '';
  return layout({
    title: 'Plan and invoices',
    viewer: p.viewer,
    current: 'account',
    main: html`<h1>Plan and invoices</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<dl><dt>Account</dt><dd>${b.account.email}</dd>
<dt>Plan</dt><dd data-testid="plan">${b.plan.name} (${usd(b.plan.monthlyFeeMicros)} a month)</dd>
<dt>Standing</dt><dd data-testid="standing">${b.status === 'active' ? 'In good standing' : 'Payment failed: pay-as-you-go from next month'}</dd>
${b.pending ? html`<dt>Scheduled</dt><dd data-testid="pending">${b.pending.plan} from ${b.pending.from} (after ${REASONS[b.pending.reason] ?? b.pending.reason})</dd>` : ''}</dl>
${upgrade}${cancel}
<h2>This month so far (${b.month})</h2>
<p>A preview: the invoice is written when the month ends.</p>
${invoiceTable(b.preview)}
<p><a${attr('href', `/account/invoices/${b.month}.json`)}>JSON</a> · <a${attr('href', `/account/invoices/${b.month}.csv`)}>CSV</a></p>
<h2>Invoices</h2>
${b.invoices.length
  ? html`<table data-testid="invoices"><thead><tr><th>Month</th><th>Plan</th><th>Downloads</th><th>Total</th><th>Payment</th><th>Exports</th></tr></thead><tbody>${b.invoices.map((i) => html`<tr data-testid="invoice-row"><td data-label="Month"><a${attr('href', `/account/invoices/${i.month}`)}>${i.month}</a></td><td data-label="Plan">${i.planId}</td><td data-label="Downloads">${i.downloads}</td><td data-label="Total">${cents(i.totalMinor)}</td><td data-label="Payment">${i.paymentStatus}</td><td data-label="Exports"><a${attr('href', `/account/invoices/${i.month}.json`)}>JSON</a> · <a${attr('href', `/account/invoices/${i.month}.csv`)}>CSV</a></td></tr>`)}</tbody></table>
<p><a href="/account/invoices.csv" data-testid="invoices-csv">All invoices as CSV</a></p>`
  : html`<p>No closed invoices yet.</p>`}
<h2>Plan changes</h2>
${b.changes.length
  ? html`<table><thead><tr><th>When</th><th>Change</th><th>From month</th><th>Why</th></tr></thead><tbody>${b.changes.map((c) => html`<tr><td data-label="When">${when(c.at)}</td><td data-label="Change">${c.fromPlan} → ${c.toPlan} (${c.event})</td><td data-label="From month">${c.effectiveMonth}</td><td data-label="Why">${c.reason}</td></tr>`)}</tbody></table>`
  : html`<p>None.</p>`}`,
  }).value;
}
