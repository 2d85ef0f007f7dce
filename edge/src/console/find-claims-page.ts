// Moderators: rights holders' claims of catalogued items found by "Find my works" — the list, and one claim with the
// holder's evidence (the upload is not kept: its hashes, distances and URL) beside the catalogued item, then approve or reject.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { matchClaim, pendingMatchClaims } from '../services/find-claims.js';
import { outsideLink, when } from './bits.js';
import { itemFigure, sideBySide } from './conflict-panel.js';
import { distances, SIGNAL_TEXT } from './find-page.js';
import { csrfField, layout, type Viewer } from './layout.js';

type Pending = Awaited<ReturnType<typeof pendingMatchClaims>>[number];
type One = Awaited<ReturnType<typeof matchClaim>>;

export function matchClaimsPage(p: { viewer: Viewer; claims: Pending[]; notice?: string | undefined; error?: string | undefined }): string {
  return layout({
    title: 'Match claims',
    viewer: p.viewer,
    current: 'matches',
    main: html`<h1>Claims of catalogued works</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<p>Rights holders who found a catalogued item with "Find my works" and say it is theirs. Approving withdraws the item.</p>
${p.claims.length
  ? html`<ul>${p.claims.map((c) => html`<li data-testid="match-claim"><a${attr('href', `/console/matches/${encodeURIComponent(c.claim.id)}`)}>${c.itemTitle ?? c.claim.itemId}</a> (<span class="code">${c.claim.itemId}</span>, ${c.itemStatus ?? 'not in the catalogue'}) claimed by <strong>${c.holderName}</strong> (${c.holderStatus}), ${when(c.claim.createdAt)}</li>`)}</ul>`
  : html`<p>None waiting.</p>`}`,
  }).value;
}

function evidenceSide(c: One): Html {
  const e = c.evidence;
  if (!e) return html`<span class="thumb none">no evidence recorded</span>`;
  return html`<dl data-testid="match-evidence"><dt>Matched</dt><dd>${SIGNAL_TEXT[e.signal]}: ${distances(e)}</dd>
<dt>Upload</dt><dd>${e.width} × ${e.height} px, ${e.bytes.toLocaleString('en')} bytes, searched ${when(new Date(e.iat * 1000).toISOString())}</dd>
<dt>SHA-256</dt><dd class="code">${e.sha256}</dd>
<dt>Perceptual hash</dt><dd class="code">${e.fingerprint.slice(5, 21)}</dd>
<dt>From URL</dt><dd>${e.url ? outsideLink(e.url) : 'an upload (not stored)'}</dd></dl>`;
}

export function matchClaimPage(p: { viewer: Viewer; c: One; error?: string | undefined }): string {
  const { claim, holder, item } = p.c;
  const panel = sideBySide(
    'Side by side: the holder’s evidence and the catalogued item',
    'match-panel',
    { figure: evidenceSide(p.c), caption: html`claimed by <strong>${holder.name}</strong> (<span class="code">${holder.id}</span>, ${holder.status}${holder.statusNote ? html`: ${holder.statusNote}` : ''})` },
    {
      figure: itemFigure(item, 'The catalogued item', 'match-item'),
      caption: html`<span class="code">${claim.itemId}</span>${item ? html`<br>${item.title} — ${item.licence}, ${item.status}${item.rightsHolder ? html`, holder <span class="code">${item.rightsHolder}</span>` : ''}<br>SHA-256 <span class="code">${item.sha256}</span>${item.fingerprint ? html`<br>perceptual hash <span class="code">${item.fingerprint.slice(5, 21)}</span>` : ''}` : ''}`,
    },
    'The upload was not kept: compare the holder’s statement, domain and the distances with the item’s provenance before you decide.',
  );
  const decided = claim.status !== 'pending';
  return layout({
    title: 'Match claim',
    viewer: p.viewer,
    current: 'matches',
    main: html`<h1>Claim of <span class="code">${claim.itemId}</span></h1>
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<p>Opened ${when(claim.createdAt)}. The holder says:</p><blockquote data-testid="match-statement">${claim.subject}</blockquote>
${panel}
${decided
  ? html`<p data-testid="match-decided">Decided: ${claim.status} ${when(claim.decidedAt)} — ${claim.note}</p>`
  : html`<form method="post"${attr('action', `/console/matches/${encodeURIComponent(claim.id)}/decision`)}>${csrfField(p.viewer)}
<div class="field"><label for="match-note">Note (required: what you checked)</label><textarea id="match-note" name="note" required maxlength="1000"></textarea></div>
<div class="actions"><button class="danger" type="submit" name="action" value="approve">Approve: withdraw the item</button> <button type="submit" name="action" value="reject">Reject the claim</button></div></form>`}`,
  }).value;
}
