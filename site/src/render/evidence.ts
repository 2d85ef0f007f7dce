// Licence evidence table: what each source stated, how it was normalised and who asserted it.
import type { Evidence } from '../../../pipeline/catalog/record.js';
import { html, type Html } from './html.js';

const KIND: Record<Evidence['kind'], string> = {
  'source-record': 'The source’s record of this work',
  'source-default': 'The source’s licence for all its works',
  embedded: 'Metadata embedded in the image file',
  'rights-holder': 'The rights holder’s opt-in',
  moderator: 'A Clearance moderator’s review',
};

/** Who asserted it: for a moderator's review, the moderator and the date of the decision. */
const asserted = (e: Evidence): string =>
  e.kind === 'moderator' ? `moderator ${e.by ?? 'unknown'}${e.at ? ` on ${e.at.slice(0, 10)}` : ''}` : (e.assertedBy ?? 'not stated');

export function evidenceTable(evidence: readonly Evidence[]): Html {
  return html`<table data-testid="licence-evidence"><caption>Licence evidence</caption>
<thead><tr><th scope="col">Where</th><th scope="col">What it stated</th><th scope="col">Read as</th><th scope="col">Asserted by</th></tr></thead>
<tbody>${evidence.map((e) => html`<tr><td>${KIND[e.kind]}</td><td>${e.statement}</td><td>${e.normalised}</td><td>${asserted(e)}</td></tr>`)}</tbody></table>`;
}
