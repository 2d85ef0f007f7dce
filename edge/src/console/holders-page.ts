// Moderators: pending ownership claims (verify or reject with a note) and every rights holder (revoke or reinstate).
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { Holder, pendingClaims } from '../services/holders.js';
import { when } from './bits.js';
import { csrfField, layout, type Viewer } from './layout.js';

type PendingClaim = Awaited<ReturnType<typeof pendingClaims>>[number];

export interface HoldersPageOptions {
  viewer: Viewer;
  claims: PendingClaim[];
  holders: Holder[];
  notice?: string | undefined;
  error?: string | undefined;
}

function claimRow(v: Viewer, { claim, holderName, holderStatus }: PendingClaim): Html {
  return html`<li data-testid="pending-claim"><strong>${holderName}</strong> (<span class="code">${claim.holderId}</span>, ${holderStatus}) — ${claim.method === 'domain' ? 'domain' : 'review'}: ${claim.subject}, opened ${when(claim.createdAt)}${claim.lastCheck ? html`<br>Last domain check: ${claim.lastCheck}` : ''}
<form method="post"${attr('action', `/console/claims/${encodeURIComponent(claim.id)}/decision`)}>${csrfField(v)}
<div class="field"><label${attr('for', `note-${claim.id}`)}>Note (required: what you checked)</label><textarea${attr('id', `note-${claim.id}`)} name="note" required maxlength="1000"></textarea></div>
<div class="actions"><button type="submit" name="action" value="verify">Verify</button> <button class="danger" type="submit" name="action" value="reject">Reject</button></div></form></li>`;
}

function holderRow(v: Viewer, h: Holder): Html {
  const next = h.status === 'revoked' ? 'verified' : h.status === 'verified' ? 'revoked' : null;
  return html`<tr data-testid="holder-row"><td data-label="Holder">${h.name}<br><span class="code">${h.id}</span></td><td data-label="Status">${h.status}${h.statusNote ? html`<br>${h.statusNote}` : ''}</td>
<td data-label="Action">${next ? html`<form method="post"${attr('action', `/console/holders/${encodeURIComponent(h.id)}/status`)}>${csrfField(v)}<input type="hidden" name="status"${attr('value', next)}>
<label>Note <input name="note" required maxlength="1000"></label> <button type="submit"${attr('class', next === 'revoked' ? 'danger' : null)}>${next === 'revoked' ? 'Revoke' : 'Reinstate'}</button></form>` : '—'}</td></tr>`;
}

export function holdersPage(p: HoldersPageOptions): string {
  return layout({
    title: 'Rights holders',
    viewer: p.viewer,
    current: 'holders',
    main: html`<h1>Rights holders</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<h2>Claims waiting for a decision</h2>
${p.claims.length ? html`<ul>${p.claims.map((c) => claimRow(p.viewer, c))}</ul>` : html`<p>None.</p>`}
<h2>Holders</h2>
<table><thead><tr><th>Holder</th><th>Status</th><th>Action</th></tr></thead><tbody>${p.holders.map((h) => holderRow(p.viewer, h))}</tbody></table>`,
  }).value;
}
