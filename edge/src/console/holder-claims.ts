// The holder's ownership claims on the dashboard: each with its state, the token file to publish, and the forms to
// check a domain now, open a domain claim or ask a moderator's review (claims of catalogued items come from /holder/find).
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { Claim } from '../services/holders.js';
import { when } from './bits.js';
import { csrfField, type Viewer } from './layout.js';

export interface ClaimView extends Claim {
  line: string;
  url: string | null;
}

function claimRow(v: Viewer, c: ClaimView): Html {
  const how = c.method === 'domain'
    ? html`Publish the line <code data-testid="verification-line">${c.line}</code> at <span class="code">${c.url ?? ''}</span>, then check.`
    : c.method === 'match'
      ? html`A moderator compares your evidence with the catalogued item; if they agree, it is withdrawn.`
      : html`A moderator reviews this claim.`;
  const check = c.method === 'domain' && c.status === 'pending'
    ? html`<form method="post"${attr('action', `/holder/claims/${encodeURIComponent(c.id)}/check`)}>${csrfField(v)}<button type="submit" data-testid="check-claim">Check now</button></form>`
    : '';
  return html`<li data-testid="claim"><strong>${c.method === 'domain' ? 'Domain' : c.method === 'match' ? html`Catalogued item <span class="code">${c.itemId}</span>` : 'Review'}: ${c.subject}</strong> — <span data-testid="claim-status">${c.status}</span>
${c.note ? html`<br>${c.note}` : ''}${c.lastCheck ? html`<br>Last check: ${c.lastCheck}` : ''}<br>${c.status === 'pending' ? how : html`Decided ${when(c.decidedAt)}`}${check}</li>`;
}

export function claimsSection(v: Viewer, claims: ClaimView[]): Html {
  return html`<section aria-labelledby="h-claims"><h2 id="h-claims">Proof of ownership</h2>
${claims.length ? html`<ul>${claims.map((c) => claimRow(v, c))}</ul>` : html`<p>No claims yet.</p>`}
<form method="post" action="/holder/claims" data-testid="domain-claim-form">${csrfField(v)}<input type="hidden" name="method" value="domain">
<div class="field"><label for="domain">Your domain (e.g. example.org)</label><input id="domain" name="subject" required maxlength="253" spellcheck="false"></div>
<button type="submit">Add a domain claim</button></form>
<form method="post" action="/holder/claims" data-testid="review-claim-form">${csrfField(v)}<input type="hidden" name="method" value="review">
<div class="field"><label for="statement">Or describe what you own and how a moderator can check it</label><textarea id="statement" name="subject" required maxlength="1000"></textarea></div>
<button type="submit">Ask for a moderator’s review</button></form></section>`;
}
