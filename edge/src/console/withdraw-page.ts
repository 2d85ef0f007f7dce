// Withdraw a live item directly: look it up by id, see what it is, then confirm with a reason.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import { csrfField, layout, type Viewer } from './layout.js';

export interface ItemFacts {
  id: string;
  title: string;
  status: string;
  licence: string;
  release: string;
  sha256: string;
  thumbKey: string;
  withdrawnReason: string | null;
}

export interface WithdrawOptions {
  viewer: Viewer;
  /** The id typed in the look-up form. */
  query?: string | undefined;
  item?: ItemFacts | null | undefined;
  reason?: string | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}

function confirmForm(p: WithdrawOptions, item: ItemFacts): Html {
  if (item.status !== 'live') {
    return html`<p class="notice">This item is not live (${item.status}${item.withdrawnReason ? html`: ${item.withdrawnReason}` : ''}); there is nothing to withdraw.</p>`;
  }
  return html`<form method="post" action="/console/withdraw">${csrfField(p.viewer)}<input type="hidden" name="itemId"${attr('value', item.id)}>
<fieldset><legend>Withdraw this item</legend>
<div class="field"><label for="reason">Reason (required; recorded with the withdrawal and in the public change feed)</label>
<textarea id="reason" name="reason" required maxlength="1000"${attr('aria-invalid', p.error ? 'true' : null)}>${p.reason ?? ''}</textarea></div>
<div class="actions"><button class="danger" type="submit">Withdraw now</button></div>
</fieldset></form>`;
}

function itemPanel(p: WithdrawOptions): Html | string {
  if (p.item === undefined) return '';
  if (p.item === null) return html`<p class="notice error" role="alert">No item with the id ${p.query ?? ''} is in the catalogue.</p>`;
  const item = p.item;
  return html`<section aria-labelledby="h-item"><h2 id="h-item">${item.title}</h2>
${item.status === 'live' ? html`<img class="big"${attr('src', `/files/${item.thumbKey}`)} alt="" width="320" height="320">` : ''}
<dl><dt>Item id</dt><dd class="code">${item.id}</dd><dt>Status</dt><dd>${item.status}</dd><dt>Licence</dt><dd>${item.licence}</dd>
<dt>Release</dt><dd>${item.release}</dd><dt>SHA-256</dt><dd class="code">${item.sha256}</dd></dl>
${confirmForm(p, item)}</section>`;
}

export function withdrawPage(p: WithdrawOptions): string {
  return layout({
    title: 'Withdraw an item',
    viewer: p.viewer,
    current: 'withdraw',
    main: html`<h1>Withdraw an item</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<p>A withdrawal takes effect at once: downloads answer 451, and the withdrawal is recorded for the next release and the public change feed.</p>
<form method="get" action="/console/withdraw" class="filters">
<div class="field"><label for="item">Item id</label><input id="item" name="item" required maxlength="300" spellcheck="false"${attr('value', p.query ?? '')}></div>
<button type="submit">Look up</button></form>
${itemPanel(p)}`,
  }).value;
}
