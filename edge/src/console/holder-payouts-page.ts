// The holder's payouts: this month so far, each closed statement (earned, platform's fees, carried, paid) with its
// export, and the payout account set-up.
import { attr, html } from '../../../site/src/render/html.js';
import type { holderPayouts } from '../services/billing-overview.js';
import { cents, usd } from './billing-bits.js';
import { csrfField, layout, type Viewer } from './layout.js';

export interface PayoutsPageOptions {
  viewer: Viewer;
  payouts: Awaited<ReturnType<typeof holderPayouts>>;
  notice?: string | undefined;
  error?: string | undefined;
}

export function holderPayoutsPage(p: PayoutsPageOptions): string {
  const o = p.payouts;
  const setup = o.provider === 'none'
    ? html`<p>Payouts are settled by the operator (no payments provider is configured).</p>`
    : o.payoutAccount
      ? html`<p data-testid="payout-account">Payout account: <span class="code">${o.payoutAccount}</span></p>`
      : html`<form method="post" action="/holder/payouts/account" data-testid="payout-setup">${csrfField(p.viewer)}<p>Set up a payout account to be paid; until then your earnings are carried from month to month.</p><button type="submit">Set up payouts</button></form>`;
  return layout({
    title: 'Payouts',
    viewer: p.viewer,
    current: 'payouts',
    main: html`<h1>Payouts</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<p>You earn your works' prices; the platform keeps only its flat fee per download, paid by the customer on top. You are paid once your balance reaches ${usd(o.thresholdMicros)}; less is carried to the next month, and so are the micro-dollars under a cent.</p>
${setup}
<h2>This month so far (${o.month})</h2>
${o.preview ? html`<dl><dt>Downloads</dt><dd>${o.preview.downloads}</dd><dt>Earned</dt><dd data-testid="preview-earned">${usd(o.preview.pricesMicros)}</dd><dt>Platform fees on them</dt><dd>${usd(o.preview.feesMicros)}</dd><dt>Carried in</dt><dd>${usd(o.preview.carriedInMicros)}</dd></dl>` : html`<p>No charged downloads yet this month.</p>`}
<h2>Statements</h2>
${o.statements.length
  ? html`<table data-testid="payouts"><thead><tr><th>Month</th><th>Downloads</th><th>Earned</th><th>Platform kept</th><th>Carried in</th><th>Paid</th><th>Carried out</th><th>Status</th><th>Export</th></tr></thead><tbody>${o.statements.map((s) => html`<tr data-testid="payout-row"><td data-label="Month">${s.month}</td><td data-label="Downloads">${s.downloads}</td><td data-label="Earned">${usd(s.pricesMicros)}</td><td data-label="Platform kept">${usd(s.feesMicros)}</td><td data-label="Carried in">${usd(s.carriedInMicros)}</td><td data-label="Paid">${cents(s.paidMinor)}</td><td data-label="Carried out">${usd(s.carriedOutMicros)}</td><td data-label="Status">${s.status}${s.note ? html` (${s.note})` : ''}</td><td data-label="Export"><a${attr('href', `/holder/payouts/${s.month}.csv`)}>CSV</a></td></tr>`)}</tbody></table>`
  : html`<p>No closed statements yet: the first is written when a month with downloads of your works ends.</p>`}`,
  }).value;
}
