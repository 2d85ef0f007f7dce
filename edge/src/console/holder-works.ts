// The holder's works on the dashboard: the upload form (verified holders), then each work with its status, reasons,
// price form and withdraw form.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { Work } from '../services/submissions.js';
import { MAX_PRICE_MICROS } from '../services/prices.js';
import { when } from './bits.js';
import { csrfField, type Viewer } from './layout.js';

export const dollars = (micros: number): string => `$${(micros / 1e6).toFixed(micros % 10_000 === 0 ? 2 : 6)}`;

export function uploadForm(v: Viewer): Html {
  return html`<section aria-labelledby="h-submit"><h2 id="h-submit">Submit a work</h2>
<form method="post" action="/holder/works" enctype="multipart/form-data" data-testid="upload-form">${csrfField(v)}
<div class="field"><label for="file">Original (JPEG, PNG, WebP or TIFF; at most 25 MiB and 100 megapixels)</label><input id="file" name="file" type="file" required accept="image/jpeg,image/png,image/webp,image/tiff"></div>
<div class="field"><label for="title">Title</label><input id="title" name="title" required maxlength="300"></div>
<div class="field"><label for="creator">Creator</label><input id="creator" name="creator" required maxlength="200"></div>
<div class="field"><label for="price">Price per download, in micro-dollars (1,000,000 = $1; at most ${MAX_PRICE_MICROS})</label><input id="price" name="priceMicros" type="number" inputmode="numeric" min="0"${attr('max', MAX_PRICE_MICROS)} step="1" required></div>
<fieldset><legend>May buyers train generative models (that make images) on it?</legend>
<label><input type="radio" name="generativeTraining" value="yes" required> Yes</label>
<label><input type="radio" name="generativeTraining" value="no"> No: only other training (e.g. classifiers)</label></fieldset>
<button class="primary" type="submit">Submit</button></form></section>`;
}

function workRow(v: Viewer, w: Work): Html {
  const open = w.status !== 'withdrawn' && w.status !== 'rejected';
  const id = encodeURIComponent(w.id);
  return html`<tr data-testid="work-row"${attr('data-item-id', w.itemId)}>
<td data-label="Work"><strong>${w.title}</strong><br>${w.creator}<br><span class="code">${w.itemId}</span></td>
<td data-label="Status"><span data-testid="work-status">${w.status}</span>${w.reasons.length ? html`<ul>${w.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</td>
<td data-label="Terms">${w.generativeTraining ? 'generative training allowed' : 'no generative training'}</td>
<td data-label="Price"><span data-testid="work-price">${dollars(w.priceMicros)}</span>${open ? html`<form method="post"${attr('action', `/holder/works/${id}/price`)}>${csrfField(v)}
<label>New price (µ$) <input name="priceMicros" type="number" min="0"${attr('max', MAX_PRICE_MICROS)} step="1" required inputmode="numeric"></label> <button type="submit">Set price</button></form>` : ''}</td>
<td data-label="Submitted">${when(w.createdAt)}${open ? html`<form method="post"${attr('action', `/holder/works/${id}/withdraw`)} data-testid="withdraw-form">${csrfField(v)}
<label>Reason <input name="reason" required maxlength="500"></label> <button class="danger" type="submit">Withdraw</button></form>` : ''}</td></tr>`;
}

export function worksTable(v: Viewer, works: Work[]): Html {
  if (!works.length) return html`<section aria-labelledby="h-works"><h2 id="h-works">Your works</h2><p>None yet.</p></section>`;
  return html`<section aria-labelledby="h-works"><h2 id="h-works">Your works</h2>
<p>Statuses: pending (waiting for the next release), accepted (in the catalogue), held (a moderator must look: e.g. it duplicates another work), rejected, withdrawn.</p>
<table><thead><tr><th>Work</th><th>Status</th><th>Terms</th><th>Price</th><th>Submitted</th></tr></thead><tbody>${works.map((w) => workRow(v, w))}</tbody></table></section>`;
}
