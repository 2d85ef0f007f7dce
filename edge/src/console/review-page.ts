// One review: its state, the evidence beside the original record, and the forms to approve (CC0/PDM) or reject with a note.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { ReviewSummary, reviewDetail } from '../services/reviews.js';
import type { Conflict } from '../services/conflicts.js';
import { conflictPanel } from './conflict-panel.js';
import { consolePath, licenceName, reviewThumb, when } from './bits.js';
import { evidencePanel, originalPanel } from './evidence.js';
import { csrfField, layout, type Viewer } from './layout.js';

type Detail = ReturnType<typeof reviewDetail>;

/** What the moderator typed, and what was wrong with it (after a refused submission). */
export interface FormState {
  action: 'approve' | 'reject';
  licence?: string | undefined;
  note?: string | undefined;
  errors: { licence?: string | undefined; note?: string | undefined; form?: string | undefined };
}

export interface ReviewPageOptions {
  viewer: Viewer;
  review: Detail;
  others: ReviewSummary[];
  deciderEmail: string | null;
  form?: FormState | undefined;
  /** Shown after a decision was just recorded. */
  done?: boolean;
  /** An opt-in submission held as a copy of another item: both shown side by side. */
  conflict?: Conflict | null | undefined;
  /** A rights holder's submission: no approval as CC0/PDM, only rejection. */
  submission?: boolean | undefined;
}

const NO_APPROVE = html`<p class="notice" data-testid="no-approve">This is a rights holder’s opt-in submission: it cannot be approved as CC0 or Public Domain Mark. Reject it, or leave it held while the holder proves they own the earlier work.</p>`;

function state(r: Detail, deciderEmail: string | null, others: ReviewSummary[], done: boolean): Html {
  if (r.status === 'open') return html`<p class="notice">Open: waiting for a decision. <a href="#h-decide">Go to the decision forms</a></p>`;
  if (r.status === 'superseded') {
    const open = others.find((o) => o.status === 'open');
    return html`<p class="notice error">Superseded: the item’s record or evidence changed after this review was opened, so it can no longer be decided.${
      open ? html` <a${attr('href', consolePath('reviews', open.id))}>Open the current review</a>.` : ''
    }</p>`;
  }
  const what = r.status === 'approved' ? `Approved as ${licenceName(r.decidedLicence)}` : 'Rejected';
  return html`<div class="notice ${r.status === 'approved' ? 'ok' : 'error'}"${attr('role', done ? 'status' : null)}><p><strong>${what}</strong> by ${deciderEmail ?? r.decidedBy ?? '—'}, ${when(r.decidedAt)}.</p><p>Note: ${r.note ?? '—'}</p></div>`;
}

const fieldError = (id: string, msg: string | undefined): Html | string => (msg ? html`<p class="err"${attr('id', id)}>${msg}</p>` : '');

function forms(p: ReviewPageOptions): Html {
  const r = p.review;
  const f = p.form;
  const action = consolePath('reviews', r.id, 'decision');
  const a = f?.action === 'approve' ? f : undefined;
  const j = f?.action === 'reject' ? f : undefined;
  const radio = (value: string, label: string) =>
    html`<label><input type="radio" name="licence"${attr('value', value)} required${attr('checked', a?.licence === value)}${attr('aria-describedby', a?.errors.licence ? 'approve-licence-error' : null)}> ${label}</label>`;
  return html`<section aria-labelledby="h-decide"><h2 id="h-decide">Decide</h2>
${p.submission ? NO_APPROVE : html`<form method="post"${attr('action', action)} data-testid="approve-form">${csrfField(p.viewer)}<input type="hidden" name="action" value="approve">
<fieldset><legend>Approve: the item enters the catalogue at the next build</legend>
<fieldset class="choices"><legend>Licence</legend>${radio('cc0-1.0', 'CC0 1.0')}${radio('pdm-1.0', 'Public Domain Mark 1.0')}</fieldset>
${fieldError('approve-licence-error', a?.errors.licence)}
<div class="field"><label for="approve-note">What did you verify? (required)</label>
<textarea id="approve-note" name="note" required maxlength="2000"${attr('aria-invalid', a?.errors.note ? 'true' : null)}${attr('aria-describedby', a?.errors.note ? 'approve-note-error' : null)}>${a?.note ?? ''}</textarea>
${fieldError('approve-note-error', a?.errors.note)}</div>
<div class="actions"><button class="primary" type="submit">Approve</button></div>
</fieldset></form>`}
<form method="post"${attr('action', action)} data-testid="reject-form">${csrfField(p.viewer)}<input type="hidden" name="action" value="reject">
<fieldset><legend>Reject: the item stays out of the catalogue</legend>
<div class="field"><label for="reject-note">Why? (required)</label>
<textarea id="reject-note" name="note" required maxlength="2000"${attr('aria-invalid', j?.errors.note ? 'true' : null)}${attr('aria-describedby', j?.errors.note ? 'reject-note-error' : null)}>${j?.note ?? ''}</textarea>
${fieldError('reject-note-error', j?.errors.note)}</div>
<div class="actions"><button class="danger" type="submit">Reject</button></div>
</fieldset></form></section>`;
}

function history(others: ReviewSummary[]): Html | string {
  if (!others.length) return '';
  return html`<section aria-labelledby="h-history"><h2 id="h-history">Other reviews of this item</h2><ul>${others.map(
    (o) => html`<li><a${attr('href', consolePath('reviews', o.id))}>${o.id}</a>: ${o.status}${o.decidedAt ? html`, ${when(o.decidedAt)}` : html`, opened ${when(o.createdAt)}`}${o.note ? html` — ${o.note}` : ''}</li>`,
  )}</ul></section>`;
}

export function reviewPage(p: ReviewPageOptions): string {
  const r = p.review;
  return layout({
    title: `Review: ${r.title || r.itemId}`,
    viewer: p.viewer,
    current: 'reviews',
    main: html`<p><a href="/console/">← Review queue</a></p>
<h1>${r.title || r.itemId}</h1>
${p.form?.errors.form ? html`<p class="notice error" role="alert">${p.form.errors.form}</p>` : ''}
${state(r, p.deciderEmail, p.others, p.done ?? false)}
${p.conflict ? conflictPanel(r.id, r.itemId, p.conflict) : ''}
<div class="side">
<div>${reviewThumb(r.id, r.hasThumb, true)}${evidencePanel(r.evidence, r.reasons, r)}${history(p.others)}</div>
<div>${originalPanel(r.evidence)}</div>
</div>
${r.status === 'open' ? forms(p) : ''}`,
  }).value;
}
