// Two items side by side for a moderator: a held opt-in submission beside the item it copies (licence.conflict), and
// the shared frame other pages use (a "Find my works" match claim: the holder's evidence beside the catalogued item).
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { Conflict } from '../services/conflicts.js';
import { consolePath } from './bits.js';

export interface Side {
  figure: Html;
  caption: Html;
}

/** The side-by-side section: a heading, two figures with captions, and a closing remark. */
export function sideBySide(heading: string, testId: string, left: Side, right: Side, remark: Html | string): Html {
  return html`<section${attr('aria-labelledby', `h-${testId}`)}${attr('data-testid', testId)}><h2${attr('id', `h-${testId}`)}>${heading}</h2>
<div class="side">
<figure>${left.figure}<figcaption>${left.caption}</figcaption></figure>
<figure>${right.figure}<figcaption>${right.caption}</figcaption></figure>
</div>
<p>${remark}</p></section>`;
}

/** A catalogued item's public thumbnail, big, or a placeholder when the item is not in D1. */
export function itemFigure(item: { thumbKey: string } | null | undefined, alt: string, testId: string): Html {
  return item
    ? html`<img class="big"${attr('src', `/files/${item.thumbKey}`)}${attr('alt', alt)} width="320" height="320"${attr('data-testid', testId)}>`
    : html`<span class="thumb none">not in the catalogue</span>`;
}

export function conflictPanel(reviewId: string, itemId: string, c: Conflict): Html {
  const left = c.submission
    ? html`<img class="big"${attr('src', consolePath('reviews', reviewId, 'submission'))} alt="The submitted original" width="320" height="320" data-testid="conflict-submission">`
    : html`<span class="thumb none">no submitted original</span>`;
  return sideBySide(
    'Side by side: the submission and the work it copies',
    'conflict',
    { figure: left, caption: html`<span class="code">${itemId}</span>${c.submission ? html`<br>submitted by rights holder <span class="code">${c.submission.holderId}</span>` : ''}` },
    {
      figure: itemFigure(c.other, 'The earlier item', 'conflict-other'),
      caption: html`<span class="code">${c.otherId ?? '—'}</span>${c.other ? html`<br>${c.other.title} — ${c.other.licence}, ${c.other.status}${c.other.rightsHolder ? html`, holder <span class="code">${c.other.rightsHolder}</span>` : ''}` : ''}`,
    },
    'An opt-in submission is never accepted while it copies another work: reject it unless the holder shows they own the earlier one too.',
  );
}
