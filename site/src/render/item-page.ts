// An item page's content: image (blurred above the safety threshold), licence evidence, opt-out signals checked, provenance, safety, download, report.
import type { CatalogRecord } from '../../../pipeline/catalog/record.js';
import { licenceHref, sourceHref } from '../lib/facets.js';
import { curlCommand, facesWords, hiddenByDefault, nsfwWords, safeHref, safePlaceholder, thumbSize, thumbUrl } from '../lib/records.js';
import { searchRecord } from '../lib/search-record.js';
import { previewSize, previewUrl } from '../lib/preview.js';
import { evidenceTable } from './evidence.js';
import { attr, html, type Html } from './html.js';
import { reportForm } from './report-form.js';
import { textWords } from './text-words.js';
import { signalMatrix, type ItemSignals } from './signal-matrix.js';

export const itemTitle = (item: CatalogRecord): string => item.title;

export const itemDescription = (item: CatalogRecord): string =>
  `${item.title}${item.creator ? ` by ${item.creator}` : ''}: cleared for AI training.`;

/** The `<main>` content of one item page; `apiBase` is where `/v1` lives ('' = the page's own origin); `signals`: the
 *  item's line of the build's signal matrix (absent for outputs built before it existed). */
export function itemMain(item: CatalogRecord, apiBase: string, signals?: ItemSignals): Html {
  // The larger preview when there is one (srcset wins over src in browsers; search indexes src, the thumbnail).
  const preview = previewUrl(item);
  const size = preview ? previewSize(item) : thumbSize(item);
  const placeholder = safePlaceholder(item.placeholder);
  const blurred = hiddenByDefault(item);
  const origin = apiBase || 'https://YOUR-CLEARANCE-HOST';
  const source = safeHref(item.sourceUrl);
  const licenceUrl = safeHref(item.licence.url);
  // The same content, filters and meta the index is built from (`clearance site` indexes records; `--index-from html` reads these).
  const search = searchRecord(item);
  const filters = Object.entries(search.filters).flatMap(([k, vs]) => vs.map((v) => html`<span hidden${attr('data-pagefind-filter', `${k}:${v}`)}></span>`));
  const models = Object.entries(item.models).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
  return html`<article>
<div data-pagefind-body>
<h1>${item.title}</h1>
<p>${item.creator ?? 'Unknown creator'}${item.date ? `, ${item.date}` : ''}</p>
${item.description ? html`<p>${item.description}</p>` : ''}
${item.tags.length > 0 ? html`<p>Tags: ${item.tags.join(', ')}</p>` : ''}
<figure${attr('class', blurred ? 'media blurred' : 'media')} data-safety="blur"${attr('data-nsfw', item.safety.nsfw ?? '')}${attr('data-faces', item.safety.faces ?? '')}>
<img${attr('src', thumbUrl(item))}${attr('srcset', preview)}${attr('alt', item.title)}${attr('width', size.width)}${attr('height', size.height)}${attr('style', placeholder && `background-image:url(${placeholder})`)} data-pagefind-meta="image[src], image_alt[alt]">
<button type="button" data-reveal hidden data-pagefind-ignore>Show image (above your safety setting)</button>
</figure>
${filters}<span hidden${attr('data-pagefind-meta', `nsfw:${search.meta.nsfw}`)}></span><span hidden${attr('data-pagefind-meta', `faces:${search.meta.faces}`)}></span>
</div>
${blurred ? html`<noscript><p>This image is above the default safety setting. <a${attr('href', thumbUrl(item))}>Open it anyway</a>.</p></noscript>` : ''}
<section aria-labelledby="licence-heading" data-testid="licence">
<h2 id="licence-heading">Why it is cleared</h2>
<p>Licence: <a${attr('href', licenceHref(item.licence.id))}>${item.licence.id}</a>${licenceUrl ? html` (<a${attr('href', licenceUrl)} rel="license">licence text</a>)` : ''}</p>
${evidenceTable(item.licence.evidence)}
</section>
${signalMatrix(signals)}
<section aria-labelledby="provenance-heading">
<h2 id="provenance-heading">Where it comes from</h2>
<dl>
<dt>Source</dt><dd><a${attr('href', sourceHref(item.source))}>${item.source}</a> (id ${item.provenance.foreignId})</dd>
<dt>Landing page</dt><dd>${source ? html`<a${attr('href', source)} rel="noopener noreferrer">${item.sourceUrl}</a>` : (item.sourceUrl ?? 'none given')}</dd>
<dt>Release</dt><dd>${item.provenance.release}</dd>
<dt>Retrieved</dt><dd><time${attr('datetime', item.provenance.retrievedAt)}>${item.provenance.retrievedAt}</time></dd>
<dt>Licence asserted by</dt><dd>${item.provenance.assertedBy}</dd>
${item.rightsHolder ? html`<dt>Rights holder</dt><dd>${item.rightsHolder}</dd>` : ''}
<dt>Original</dt><dd>${item.width} × ${item.height} ${item.format}, ${(item.bytes / 1024).toFixed(0)} KB, SHA-256 <code>${item.sha256}</code></dd>
</dl>
</section>
<section aria-labelledby="safety-heading" data-testid="safety">
<h2 id="safety-heading">Safety</h2>
<ul>
<li>${nsfwWords(item.safety.nsfw)}</li>
<li>${facesWords(item.safety.faces, item.safety.faceScore)}</li>
<li>${textWords(item.safety)}</li>
</ul>
<p>Scores come from automatic models (${models}); they can be wrong.</p>
</section>
<section aria-labelledby="download-heading">
<h2 id="download-heading">Download the original</h2>
<p>Originals are downloaded through the API with your key; each download costs $${((item.priceMicros + 1000) / 1e6).toFixed(4)} (the rights holder's price plus a flat fee of $0.001).</p>
<pre><code data-testid="curl"${attr('data-fill-origin', apiBase ? undefined : origin)}>${curlCommand(item, origin)}</code></pre>
<p><a href="/about/api/">How keys and downloads work</a></p>
</section>
${reportForm(item.id, apiBase)}
</article>`;
}
