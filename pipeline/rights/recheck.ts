// Second licence check for emit (as Openverse does): an accepted record's evidence must still normalise to its licence.
import type { Licence } from '../catalog/index.js';
import { CC0_URL, PDM_URL } from './finding.js';
import { normaliseLicence } from './normalise.js';

/** Why this licence must not be published, or undefined when its evidence supports it. */
export function recheckLicence(licence: Licence): string | undefined {
  const stated = licence.evidence.filter((e) => e.kind !== 'embedded');
  if (licence.id === 'optin') {
    const holder = stated.find((e) => e.kind === 'rights-holder');
    return holder && /: verified$/.test(holder.statement) ? undefined : 'opt-in without a verified rights holder in its evidence';
  }
  const url = licence.id === 'cc0-1.0' ? CC0_URL : PDM_URL;
  if (licence.url !== url) return `licence URL ${licence.url} is not the canonical ${licence.id} URL`;
  if (stated.length === 0) return 'no stated licence in the evidence';
  for (const e of stated) {
    if (e.assertedBy === 'third-party') return `"${e.statement}" was asserted by a third party`;
    const n = normaliseLicence(e.statement);
    if (n.licenceId !== licence.id) return `evidence "${e.statement}" normalises to ${n.licenceId ?? n.code}, not ${licence.id}`;
  }
  return undefined;
}
