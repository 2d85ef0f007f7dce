// One invoice (closed, or the open month's preview) in the browser, with its exports.
import { attr, html } from '../../../site/src/render/html.js';
import { when } from './bits.js';
import { invoiceTable, type InvoiceLines } from './billing-bits.js';
import { layout, type Viewer } from './layout.js';

export interface InvoicePageOptions {
  viewer: Viewer;
  month: string;
  closed: boolean;
  invoice: InvoiceLines & { closedAt?: string | null | undefined; paymentStatus?: string | undefined; id?: string | undefined };
}

export function accountInvoicePage(p: InvoicePageOptions): string {
  return layout({
    title: `Invoice ${p.month}`,
    viewer: p.viewer,
    current: 'account',
    main: html`<h1>Invoice for ${p.month}</h1>
<p>${p.closed ? html`Closed ${when(p.invoice.closedAt)} · payment: <span data-testid="payment-status">${p.invoice.paymentStatus}</span>` : 'Preview: this month has not ended; the figures are those so far.'}</p>
${invoiceTable(p.invoice)}
<p><a${attr('href', `/account/invoices/${p.month}.json`)}>Export as JSON</a> · <a${attr('href', `/account/invoices/${p.month}.csv`)}>Export as CSV</a> · <a href="/account/">Back to plan and invoices</a></p>`,
  }).value;
}
