// The search page's content: the query form with source/licence/people filters; scripts/search.ts fills the results.
import type { Facets } from '../lib/facets.js';
import { LICENCE_NAMES } from '../lib/records.js';
import { attr, html, type Html } from './html.js';

/** `indexParts`: URLs of the Pagefind bundles merged into the one at /pagefind/ (large catalogues index in parts). */
export function searchMain(facets: Facets, indexParts: readonly string[]): Html {
  return html`<h1>Search the catalogue</h1>
<form role="search" data-search-form action="/search/" method="get"${attr('data-index-parts', JSON.stringify(indexParts))}>
<p><label for="search-input">Words from titles, creators, tags or descriptions</label><br>
<input id="search-input" name="q" type="search" data-testid="search-input" autocomplete="off" size="40">
<button type="submit">Search</button></p>
<p class="facets">
<label>Source <select name="source" data-filter="source" data-testid="search-filter-source"><option value="">All</option>${facets.sources.map((f) => html`<option${attr('value', f.value)}>${f.value}</option>`)}</select></label>
<label>Licence <select name="licence" data-filter="licence" data-testid="search-filter-licence"><option value="">All</option>${facets.licences.map((f) => html`<option${attr('value', f.value)}>${LICENCE_NAMES[f.value] ?? f.value}</option>`)}</select></label>
<label>People <select name="people" data-filter="people" data-testid="search-filter-people"><option value="">Any</option><option value="yes">Shows people</option><option value="no">No people</option></select></label>
</p>
</form>
<p data-search-summary data-testid="search-summary" aria-live="polite"></p>
<ul class="grid" data-search-results></ul>
<noscript><p>Search needs JavaScript. Without it, <a href="/">browse the gallery</a> and its filters.</p></noscript>`;
}
