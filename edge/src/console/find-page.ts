// "Find my works": the upload (or URL) form and the result — every catalogued match with its thumbnail and evidence,
// and for a verified holder the two actions on each (claim it, ask for its withdrawal). Public at /find, holders' at /holder/find.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { FindQuery } from '../services/find-identity.js';
import type { FindMatch, Signal } from '../services/find-index.js';
import type { Holder } from '../services/holders.js';
import { csrfField, layout, type Viewer } from './layout.js';

export interface FindResult {
  query: FindQuery;
  /** The URL the picture was fetched from, when the search took one. */
  url: string | null;
  /** Each match, with the signed evidence token a holder's actions carry (none on the public page). */
  matches: (FindMatch & { token?: string })[];
}

export interface FindPageOptions {
  viewer: Viewer | null;
  /** The signed-in holder (holders' page), or null (public page). */
  holder: Holder | null;
  /** The holder's verified domains: a URL on one of them may be searched. */
  domains: string[];
  result?: FindResult | undefined;
  notice?: string | undefined;
  error?: string | undefined;
}

export const SIGNAL_TEXT: Record<Signal, string> = {
  sha256: 'the same file (SHA-256)',
  hash: 'the picture (perceptual hash and colours)',
  mirrored: 'its mirror image',
  framed: 'the picture inside the upload’s borders',
  'framed-mirrored': 'the mirrored picture inside the upload’s borders',
};

/** "hash 3/64 bits, colour 1.2/255 after tone fit" (or that the files are identical). */
export function distances(m: Pick<FindMatch, 'hash' | 'colour'>): string {
  return m.hash === null || m.colour === null ? 'identical bytes' : `hash ${m.hash}/64 bits, colour ${m.colour.toFixed(1)}/255 after tone fit`;
}

function form(p: FindPageOptions, action: string): Html {
  return html`<form method="post"${attr('action', action)} enctype="multipart/form-data" data-testid="find-form">${p.viewer ? csrfField(p.viewer) : ''}
<div class="field"><label for="find-file">Picture (JPEG or PNG, up to 8 MiB and 3 megapixels)</label><input id="find-file" name="file" type="file" accept="image/jpeg,image/png"></div>
${p.holder ? html`<div class="field"><label for="find-url">…or its URL on your verified domain${p.domains.length ? html` (${p.domains.join(', ')})` : html` (you have none yet: prove one on <a href="/holder/">your dashboard</a>)`}</label><input id="find-url" name="url" type="url" maxlength="2000" placeholder="https://example.org/works/orchard.jpg"></div>` : ''}
<div class="actions"><button type="submit">Search the catalogue</button></div></form>`;
}

function actions(p: FindPageOptions, m: FindMatch & { token?: string }): Html | string {
  if (!p.holder || !p.viewer || !m.token) return '';
  if (p.holder.status !== 'verified') return html`<p>Verify your account on <a href="/holder/">your dashboard</a> to claim this work or ask for its withdrawal.</p>`;
  const id = m.item.id.replace(/[^A-Za-z0-9_-]/g, '_');
  return html`<details><summary>This is my work: claim it</summary><form method="post" action="/holder/find/claim">${csrfField(p.viewer)}<input type="hidden" name="evidence"${attr('value', m.token)}>
<div class="field"><label${attr('for', `claim-${id}`)}>Why it is yours (a moderator reads it beside the item; if they agree, the item is withdrawn)</label><textarea${attr('id', `claim-${id}`)} name="statement" required maxlength="1000"></textarea></div>
<div class="actions"><button type="submit" data-testid="claim-match">Claim this match</button></div></form></details>
<form method="post" action="/holder/find/withdrawal">${csrfField(p.viewer)}<input type="hidden" name="evidence"${attr('value', m.token)}>
<div class="field"><label${attr('for', `wd-${id}`)}>Note for the moderators (optional)</label><input${attr('id', `wd-${id}`)} name="note" maxlength="1000"></div>
<div class="actions"><button class="danger" type="submit" data-testid="ask-withdrawal">Ask for its withdrawal</button></div></form>`;
}

function matchItem(p: FindPageOptions, m: FindMatch & { token?: string }): Html {
  return html`<li data-testid="find-match"${attr('data-item-id', m.item.id)}${attr('data-signal', m.signal)}>
<img class="thumb"${attr('src', `/files/${m.item.thumbKey}`)} alt="" width="96" height="96" loading="lazy">
<div><strong>${m.item.title}</strong>${m.item.creator ? html` — ${m.item.creator}` : ''}<br><span class="code">${m.item.id}</span> · ${m.item.licence}${m.item.rightsHolder ? html` · holder <span class="code">${m.item.rightsHolder}</span>` : ''}
<br>Matched: <span data-testid="match-signal">${SIGNAL_TEXT[m.signal]}</span>; <span data-testid="match-distances">${distances(m)}</span>
${actions(p, m)}</div></li>`;
}

function result(p: FindPageOptions, r: FindResult): Html {
  const q = r.query;
  return html`<section aria-labelledby="h-result" data-testid="find-result"><h2 id="h-result">${r.matches.length ? `${r.matches.length} match${r.matches.length === 1 ? '' : 'es'} in the catalogue` : 'Not in the catalogue'}</h2>
<p>Searched: ${q.format.toUpperCase()}, ${q.width} × ${q.height} px, ${q.bytes.toLocaleString('en')} bytes${r.url ? html`, from ${r.url}` : ''}; SHA-256 <span class="code">${q.sha256}</span>; perceptual hash <span class="code">${q.identity.fingerprint.hash}</span>. It was not stored.</p>
${r.matches.length ? html`<ul class="matches">${r.matches.map((m) => matchItem(p, m))}</ul>` : html`<p data-testid="no-match">No catalogued item is this picture or an edited copy of it (resized, recompressed, mirrored, framed or tone-edited).</p>`}</section>`;
}

export function findPage(p: FindPageOptions): string {
  return layout({
    title: 'Find my works',
    viewer: p.viewer,
    current: p.holder ? 'find' : undefined,
    main: html`<h1>Find my works</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
${p.error ? html`<p class="notice error" role="alert" data-testid="find-error">${p.error}</p>` : ''}
<p>Does the catalogue hold your picture, or an edited copy of it? Upload it: it is compared with every catalogued work by its file hash and its perceptual identity, used for this search only and never stored.${p.holder ? '' : html` Rights holders who <a href="/holder/sign-up">sign up</a> can claim a match or ask for its withdrawal.`}</p>
${form(p, p.holder ? '/holder/find' : '/find')}
${p.result ? result(p, p.result) : ''}`,
  }).value;
}
