// The holder's monthly statement: downloads and earnings per work, then every download with the customer's pseudonym.
import { attr, html } from '../../../site/src/render/html.js';
import type { AuditRow } from '../services/holder-statement.js';
import { when } from './bits.js';
import { dollars } from './holder-works.js';
import { layout, type Viewer } from './layout.js';

export interface StatementOptions {
  viewer: Viewer;
  month: string;
  statement: { downloads: number; earningsMicros: number; items: { itemId: string; downloads: number; earningsMicros: number }[] };
  audit: AuditRow[];
}

export function holderStatementPage(p: StatementOptions): string {
  const s = p.statement;
  return layout({
    title: `Statement ${p.month}`,
    viewer: p.viewer,
    current: 'statement',
    main: html`<h1>Statement for ${p.month}</h1>
<form method="get" action="/holder/statement" class="filters"><div class="field"><label for="month">Month (YYYY-MM)</label><input id="month" name="month" pattern="\\d{4}-\\d{2}" required${attr('value', p.month)}></div><button type="submit">Show</button></form>
<dl><dt>Downloads</dt><dd data-testid="statement-downloads">${s.downloads}</dd><dt>Earnings</dt><dd data-testid="statement-earnings">${dollars(s.earningsMicros)}</dd></dl>
<h2>By work</h2>
${s.items.length ? html`<table><thead><tr><th>Item</th><th>Downloads</th><th>Earnings</th></tr></thead><tbody>${s.items.map((i) => html`<tr><td class="code" data-label="Item">${i.itemId}</td><td data-label="Downloads">${i.downloads}</td><td data-label="Earnings">${dollars(i.earningsMicros)}</td></tr>`)}</tbody></table>` : html`<p>No downloads this month.</p>`}
<h2>Every download</h2>
<p>Customers are shown by a pseudonym that is the same for one customer across your statements and differs from holder to holder. <a${attr('href', `/holder/audit.csv?month=${p.month}`)} data-testid="audit-csv">Download as CSV</a></p>
${p.audit.length ? html`<table><thead><tr><th>When</th><th>Item</th><th>Customer</th><th>Price</th></tr></thead><tbody>${p.audit.map((r) => html`<tr data-testid="audit-row"><td data-label="When">${when(r.at)}</td><td class="code" data-label="Item">${r.itemId}</td><td class="code" data-label="Customer">${r.customer}</td><td data-label="Price">${dollars(r.priceMicros)}</td></tr>`)}</tbody></table>` : html`<p>None.</p>`}`,
  }).value;
}
