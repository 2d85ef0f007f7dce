// A gallery page's content: heading, facet links, the grid of cards (sized lazy thumbnails over placeholders) and the pager.
import type { Facets } from '../lib/facets.js';
import { hiddenByDefault, LICENCE_NAMES, safePlaceholder, thumbSize, thumbUrl, type Card } from '../lib/records.js';
import { itemPath } from '../lib/slug.js';
import { attr, html, type Html } from './html.js';

export function galleryCard(item: Card, eager: boolean): Html {
  const size = thumbSize(item);
  const placeholder = safePlaceholder(item.placeholder);
  // data-item-id: the Worker drops the card of an item withdrawn after this page was built (edge/src/services/gallery-filter.ts).
  return html`<li data-testid="gallery-item"${attr('data-item-id', item.id)} data-safety="hide"${attr('data-nsfw', item.safety.nsfw ?? '')}${attr('data-faces', item.safety.faces ?? '')}${attr('hidden', hiddenByDefault(item))}><a${attr('href', itemPath(item.id))}><img${attr('src', thumbUrl(item))}${attr('alt', item.title)}${attr('width', size.width)}${attr('height', size.height)}${attr('loading', eager ? 'eager' : 'lazy')} decoding="async"${attr('style', placeholder && `background-image:url(${placeholder})`)}><span>${item.title}</span></a></li>`;
}

function facetNav(facets: Facets, active?: string): Html {
  const cur = (href: string) => attr('aria-current', href === active ? 'page' : undefined);
  return html`<nav class="facets" aria-label="Filters">
<div>Source: <ul>${facets.sources.map((f) => html`<li><a${attr('href', f.href)}${cur(f.href)} data-testid="facet-source">${f.value}</a> (${f.count})</li>`)}</ul></div>
<div>Licence: <ul>${facets.licences.map((f) => html`<li><a${attr('href', f.href)}${cur(f.href)} data-testid="facet-licence">${LICENCE_NAMES[f.value] ?? f.value}</a> (${f.count})</li>`)}</ul></div>
<div><a href="/people/"${cur('/people/')} data-testid="facet-people">Shows people</a> (${facets.people})</div>
${active ? html`<div><a href="/">All images</a></div>` : ''}
</nav>`;
}

/** Numbered pagination (first, last and a window around the current page) with previous/next links. */
function pager(current: number, last: number, href: (n: number) => string): Html {
  if (last <= 1) return html``;
  const pages = [...new Set([1, current - 2, current - 1, current, current + 1, current + 2, last])].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  return html`<nav aria-label="Pages"><ul class="pager">
${current > 1 ? html`<li><a${attr('href', href(current - 1))} rel="prev">Previous</a></li>` : ''}
${pages.map((n) => html`<li>${n === current ? html`<span aria-current="page">${n}</span>` : html`<a${attr('href', href(n))}>${n}</a>`}</li>`)}
${current < last ? html`<li><a${attr('href', href(current + 1))} rel="next">Next</a></li>` : ''}
</ul></nav>`;
}

export interface GalleryProps {
  heading: string;
  items: Card[];
  total: number;
  current: number;
  last: number;
  href: (n: number) => string;
  facets: Facets;
  active?: string;
}

export function galleryMain(p: GalleryProps): Html {
  return html`<h1>${p.heading}</h1>
<p>${p.total} image${p.total === 1 ? '' : 's'}, newest release first. Page ${p.current} of ${p.last}.</p>
${facetNav(p.facets, p.active)}
<ul class="grid" data-testid="gallery">${p.items.map((item, i) => galleryCard(item, i < 8))}</ul>
${pager(p.current, p.last, p.href)}`;
}
