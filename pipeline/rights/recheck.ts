// Second licence check for emit (as Openverse does): an accepted record's evidence must still normalise to its licence
// (or carry a moderator's verification of exactly that licence).
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
  // A moderator verified what the machine could not: their decision carries the licence; the statements they saw stay as evidence.
  const moderator = stated.find((e) => e.kind === 'moderator');
  if (moderator) return moderator.normalised === licence.id && moderator.by && moderator.at ? undefined : `the moderator's evidence reads ${moderator.normalised}, not ${licence.id}`;
  if (stated.length === 0) return 'no stated licence in the evidence';
  for (const e of stated) {
    if (e.assertedBy === 'third-party') return `"${e.statement}" was asserted by a third party`;
    const n = normaliseLicence(e.statement);
    if (n.licenceId !== licence.id) return `evidence "${e.statement}" normalises to ${n.licenceId ?? n.code}, not ${licence.id}`;
  }
  return undefined;
}
