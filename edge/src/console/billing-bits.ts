// Money as the billing pages show it: µ$ with dollars, cents as dollars, and an invoice's lines.
import { html, type Html } from '../../../site/src/render/html.js';

/** µ$ as dollars to the µ$ ("$0.001500"), or to the cent when whole cents. */
export const usd = (micros: number): string => `$${(micros / 1e6).toFixed(micros % 10_000 === 0 ? 2 : 6)}`;
/** Cents as dollars ("$12.35"). */
export const cents = (minor: number): string => `$${(minor / 100).toFixed(2)}`;

export interface InvoiceLines {
  planId: string; planFeeMicros: number; downloads: number; feesMicros: number; pricesMicros: number; totalMicros: number;
  planFeeMinor: number; usageMinor: number; totalMinor: number;
}

export function invoiceTable(i: InvoiceLines): Html {
  return html`<table data-testid="invoice-lines"><thead><tr><th>Line</th><th>Exact (µ$)</th><th>Charged</th></tr></thead><tbody>
<tr><td data-label="Line">Plan fee (${i.planId})</td><td data-label="Exact">${usd(i.planFeeMicros)}</td><td data-label="Charged">${cents(i.planFeeMinor)}</td></tr>
<tr><td data-label="Line">Download fees (${i.downloads} × flat fee)</td><td data-label="Exact">${usd(i.feesMicros)}</td><td data-label="Charged" rowspan="2">${cents(i.usageMinor)}</td></tr>
<tr><td data-label="Line">Rights holders' prices</td><td data-label="Exact">${usd(i.pricesMicros)}</td></tr>
<tr><th scope="row">Total</th><td data-label="Exact" data-testid="invoice-total-micros">${usd(i.totalMicros)}</td><td data-label="Charged" data-testid="invoice-total">${cents(i.totalMinor)}</td></tr>
</tbody></table>
<p class="hint">Exact amounts are in micro-dollars. The plan fee and the usage (fees + prices) are each rounded half up to the cent; their sum is what you pay.</p>`;
}
