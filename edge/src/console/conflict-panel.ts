// A held opt-in submission beside the item it copies (licence.conflict): both images, ids, licences and holders.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { Conflict } from '../services/conflicts.js';
import { consolePath } from './bits.js';

export function conflictPanel(reviewId: string, itemId: string, c: Conflict): Html {
  const left = c.submission
    ? html`<img class="big"${attr('src', consolePath('reviews', reviewId, 'submission'))} alt="The submitted original" width="320" height="320" data-testid="conflict-submission">`
    : html`<span class="thumb none">no submitted original</span>`;
  const right = c.other
    ? html`<img class="big"${attr('src', `/files/${c.other.thumbKey}`)} alt="The earlier item" width="320" height="320" data-testid="conflict-other">`
    : html`<span class="thumb none">not in the catalogue</span>`;
  return html`<section aria-labelledby="h-conflict" data-testid="conflict"><h2 id="h-conflict">Side by side: the submission and the work it copies</h2>
<div class="side">
<figure>${left}<figcaption><span class="code">${itemId}</span>${c.submission ? html`<br>submitted by rights holder <span class="code">${c.submission.holderId}</span>` : ''}</figcaption></figure>
<figure>${right}<figcaption><span class="code">${c.otherId ?? '—'}</span>${c.other ? html`<br>${c.other.title} — ${c.other.licence}, ${c.other.status}${c.other.rightsHolder ? html`, holder <span class="code">${c.other.rightsHolder}</span>` : ''}` : ''}</figcaption></figure>
</div>
<p>An opt-in submission is never accepted while it copies another work: reject it unless the holder shows they own the earlier one too.</p></section>`;
}
