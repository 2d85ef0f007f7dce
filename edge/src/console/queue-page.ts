// The review queue: filters (main reason, source), one card per open review (thumbnail, title, source, main reason), paging.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { ReviewSummary } from '../services/reviews.js';
import { consolePath, reviewThumb, when } from './bits.js';
import { layout, type Viewer } from './layout.js';

export interface QueueOptions {
  viewer: Viewer;
  reviews: ReviewSummary[];
  facets: { codes: [string, number][]; sources: [string, number][] };
  code?: string | undefined;
  source?: string | undefined;
  /** Link to the next page, when there is one. */
  next: string | null;
  /** This page is not the first (offer a way back to the start). */
  paged: boolean;
}

function select(name: string, label: string, options: [string, number][], current: string | undefined): Html {
  const known = options.some(([v]) => v === current);
  const all: [string, number | null][] = current && !known ? [...options, [current, 0]] : options;
  return html`<div class="field"><label${attr('for', `f-${name}`)}>${label}</label><select${attr('id', `f-${name}`)}${attr('name', name)}>
<option value="">All</option>${all.map(([v, n]) => html`<option${attr('value', v)}${attr('selected', v === current)}>${v} (${n})</option>`)}
</select></div>`;
}

function card(r: ReviewSummary): Html {
  return html`<li class="card" data-testid="review-row">${reviewThumb(r.id, r.hasThumb)}<div class="body">
<a class="title"${attr('href', consolePath('reviews', r.id))}>${r.title || r.itemId}</a>
<p><span class="code">${r.itemId}</span></p>
<p>Source: ${r.source} · Main reason: <span class="code">${r.mainCode}</span></p>
<p>Held since ${when(r.createdAt)} · release ${r.release}</p>
</div></li>`;
}

export function queuePage(p: QueueOptions): string {
  const filtered = Boolean(p.code || p.source);
  const total = p.facets.codes.reduce((n, [, k]) => n + k, 0);
  const list = p.reviews.length
    ? html`<ol class="queue">${p.reviews.map(card)}</ol>`
    : html`<p class="notice">${filtered ? 'No open review matches these filters.' : 'The queue is empty: nothing is waiting for a decision.'}</p>`;
  const pager = html`<p class="pager">${p.paged ? html`<a href="${consolePath('')}${filterQuery(p.code, p.source)}">First page</a>` : ''}${
    p.next ? html`<a${attr('href', p.next)} rel="next">Next page</a>` : ''
  }</p>`;
  return layout({
    title: 'Review queue',
    viewer: p.viewer,
    current: 'reviews',
    main: html`<h1>Review queue</h1>
<p>${total} open review${total === 1 ? '' : 's'}: items the pipeline held because only a person can verify who holds the rights. Oldest first.</p>
<form class="filters" method="get" action="/console/">
${select('code', 'Main reason', p.facets.codes, p.code)}
${select('source', 'Source', p.facets.sources, p.source)}
<button type="submit">Filter</button>${filtered ? html` <a href="/console/">Clear filters</a>` : ''}
</form>
${list}
${pager}`,
  }).value;
}

/** `?code=…&source=…` for the current filters ('' when none). */
export function filterQuery(code: string | undefined, source: string | undefined, cursor?: string): string {
  const q = new URLSearchParams();
  if (code) q.set('code', code);
  if (source) q.set('source', source);
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return s ? `?${s}` : '';
}
