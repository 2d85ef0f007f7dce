// The holder's dashboard: account status, proof of ownership, the upload form (verified only) and the works.
import { html } from '../../../site/src/render/html.js';
import type { Holder } from '../services/holders.js';
import type { Work } from '../services/submissions.js';
import { claimsSection, type ClaimView } from './holder-claims.js';
import { uploadForm, worksTable } from './holder-works.js';
import { layout, type Viewer } from './layout.js';

export interface HolderHomeOptions {
  viewer: Viewer;
  holder: Holder;
  claims: ClaimView[];
  works: Work[];
  notice?: string | undefined;
  error?: string | undefined;
}

const STATUS_TEXT = {
  pending: 'Pending: prove that you own your works before you submit any.',
  verified: 'Verified: you can submit works.',
  revoked: 'Revoked by a moderator: you cannot submit works.',
} as const;

export function holderHomePage(p: HolderHomeOptions): string {
  return layout({
    title: 'Your works',
    viewer: p.viewer,
    current: 'works',
    main: html`<h1>${p.holder.name}</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert">${p.error}</p>` : ''}
<dl><dt>Rights-holder id</dt><dd class="code" data-testid="holder-id">${p.holder.id}</dd>
<dt>Status</dt><dd><span data-testid="holder-status">${p.holder.status}</span> — ${STATUS_TEXT[p.holder.status]}${p.holder.statusNote ? html` (${p.holder.statusNote})` : ''}</dd></dl>
${p.holder.status === 'verified' ? uploadForm(p.viewer) : ''}
${worksTable(p.viewer, p.works)}
${claimsSection(p.viewer, p.claims)}`,
  }).value;
}
