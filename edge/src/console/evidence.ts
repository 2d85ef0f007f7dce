// A review's evidence as a moderator reads it: reasons, the licence exactly as stated and who asserted it, URLs,
// provenance, image facts; and the original record pretty-printed.
import { html, type Html } from '../../../site/src/render/html.js';
import type { Reason } from '../services/reviews.js';
import { outsideLink, text, when } from './bits.js';

type Rec = Record<string, unknown>;
const obj = (v: unknown): Rec => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {});

const row = (label: string, value: Html | string): Html => html`<dt>${label}</dt><dd>${value}</dd>`;
const code = (v: unknown): Html => html`<span class="code">${text(v)}</span>`;

function reasonsList(reasons: Reason[]): Html {
  if (!reasons.length) return html`<p>—</p>`;
  return html`<ol class="reasons">${reasons.map((r) => html`<li><span class="code">${r.code}</span>${r.detail ? html`: ${r.detail}` : ''}</li>`)}</ol>`;
}

/** The evidence panel (left column). */
export function evidencePanel(e: Rec, reasons: Reason[], facts: { itemId: string; source: string; release: string; evidenceHash: string; sha256: string | null }): Html {
  const st = obj(e.statement);
  const pv = obj(e.provenance);
  const size = e.width && e.height ? `${text(e.width)} × ${text(e.height)}` : '—';
  return html`<section aria-labelledby="h-reasons"><h2 id="h-reasons">Why it was held</h2>${reasonsList(reasons)}</section>
<section aria-labelledby="h-licence"><h2 id="h-licence">Licence evidence</h2><dl>
${row('Licence as stated', code(st.licence))}
${row('Source’s licence', code(st.sourceLicence))}
${row('Asserted by', text(st.assertedBy ?? pv.assertedBy))}
${row('Creator', text(e.creator))}
${e.rightsHolder !== undefined ? row('Rights holder', text(e.rightsHolder)) : ''}
${row('Landing page', outsideLink(e.sourceUrl))}
${row('Image URL', outsideLink(pv.imageUrl))}
</dl></section>
<section aria-labelledby="h-prov"><h2 id="h-prov">Provenance</h2><dl>
${row('Item id', code(facts.itemId))}
${row('Source', text(facts.source))}
${row('Release', text(pv.release ?? facts.release))}
${row('Adapter', text(pv.adapter))}
${row('Id at the source', code(pv.foreignId))}
${row('Retrieved', typeof pv.retrievedAt === 'string' ? when(pv.retrievedAt) : text(pv.retrievedAt))}
${row('Original metadata SHA-256', code(pv.originalMetadataSha256))}
${row('Image SHA-256', code(e.sha256 ?? facts.sha256))}
${row('Size', size)}
${row('Format', text(e.format))}
${row('Evidence hash', code(facts.evidenceHash))}
</dl></section>`;
}

/** The original record as the source gave it (right column), else the whole review record. */
export function originalPanel(e: Rec): Html {
  const original = e.original;
  const shown = original === undefined || original === null ? e : original;
  const label = original === undefined || original === null ? 'The review record (the source record was not kept)' : 'The original record';
  return html`<section aria-labelledby="h-original"><h2 id="h-original">${label}</h2><pre tabindex="0" aria-labelledby="h-original">${pretty(shown)}</pre></section>`;
}

function pretty(v: unknown): string {
  if (typeof v === 'string') {
    try {
      return JSON.stringify(JSON.parse(v), null, 2);
    } catch {
      return v;
    }
  }
  return JSON.stringify(v, null, 2) ?? '';
}
