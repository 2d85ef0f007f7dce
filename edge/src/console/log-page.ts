// The decision log: every review decided, flag decision, direct withdrawal and match claim decided, newest first, paged.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { LogEntry } from '../services/decision-log.js';
import { consolePath, licenceName, when } from './bits.js';
import { layout, type Viewer } from './layout.js';

function what(e: LogEntry): Html | string {
  if (e.kind === 'review') {
    const label = e.action === 'approved' ? `Approved as ${licenceName(e.licence)}` : 'Rejected';
    return html`<a${attr('href', consolePath('reviews', e.id))}>${label}</a>`;
  }
  if (e.kind === 'flag') return e.action === 'withdraw' ? 'Flag: item withdrawn' : 'Flag dismissed';
  if (e.kind === 'claim') return html`<a${attr('href', consolePath('matches', e.id))}>${e.action === 'approved' ? 'Match claim approved' : 'Match claim rejected'}</a>`;
  return 'Withdrawn';
}

export function logPage(p: { viewer: Viewer; entries: LogEntry[]; older: string | null; paged: boolean }): string {
  const rows = p.entries.map(
    (e) => html`<tr data-testid="log-row"><td data-label="When">${when(e.at)}</td><td data-label="Decision">${what(e)}</td>
<td data-label="Item"><span class="code">${e.itemId}</span>${e.title ? html`<br>${e.title}` : ''}</td>
<td data-label="By">${e.byEmail ?? e.by ?? '—'}</td><td data-label="Note">${e.note ?? '—'}</td></tr>`,
  );
  return layout({
    title: 'Decision log',
    viewer: p.viewer,
    current: 'log',
    main: html`<h1>Decision log</h1>
${p.entries.length
  ? html`<table><caption>Newest first</caption><thead><tr><th scope="col">When</th><th scope="col">Decision</th><th scope="col">Item</th><th scope="col">By</th><th scope="col">Note</th></tr></thead><tbody>${rows}</tbody></table>`
  : html`<p class="notice">No decisions yet.</p>`}
<p class="pager">${p.paged ? html`<a href="/console/log">Newest</a>` : ''}${p.older ? html`<a${attr('href', p.older)}>Older decisions</a>` : ''}</p>`,
  }).value;
}
