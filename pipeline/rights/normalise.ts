// Licence normaliser: what a source states (URL, name, free text, template) → one decision code, licence id and evidence text.
import { statusOf, type DecisionCode } from '../catalog/codes.js';
import type { LicenceFinding, PublicLicenceId } from './finding.js';
import { classifyLicenceUrl } from './licence-url.js';
import { genericTextFinding, specificTextFindings } from './licence-text.js';

export interface NormalisedLicence {
  code: DecisionCode;
  licenceId?: PublicLicenceId;
  url?: string;
  detail: string;
}

/** URL-looking tokens: with a scheme or protocol-relative, or a bare CC/RightsStatements host (lookalikes included).
 *  Lookbehinds anchor matches at token starts, which keeps matching linear on long adversarial text. */
const URL_TOKEN =
  /(?<![a-z0-9+.-])(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>()[\]{}]+|(?<![a-z0-9./-])(?:[a-z0-9-]+\.)*(?:creativecommons|rightsstatements)[a-z0-9-]*(?:\.[a-z0-9-]+)+(?:\/[^\s"'<>()[\]{}]*)?/gi;
/** Longer than any licence statement we have seen (Brooklyn's rights texts are ~1,500 characters). */
const MAX_LENGTH = 20_000;
const NOTHING = /^(null|none|n\/?a|-+|undefined|\[\]|\{\})$/i;
const RANK: Record<string, number> = { rejected: 0, review: 1, accepted: 2 };

/** Normalises one licence statement. Only an unambiguous CC0 or PDM statement comes back accepted. */
export function normaliseLicence(statement: string): NormalisedLicence {
  const s = (statement ?? '').trim();
  if (s === '' || NOTHING.test(s)) return { code: 'licence.missing', detail: 'no licence stated' };
  if (s.length > MAX_LENGTH) return { code: 'licence.unrecognised', detail: `statement of ${s.length} characters is too long to be a licence` };
  if (/^opt-?in$/i.test(s))
    return { code: 'licence.unrecognised', detail: 'opt-in grants are checked against the release rights holders, not normalised' };

  const urls = [...s.matchAll(URL_TOKEN)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
  const text = urls.reduce((acc, u) => acc.replace(u, ' '), s).trim();
  const urlFindings = urls.map((u) => ({ u, f: classifyLicenceUrl(u) }));
  const neutral = urlFindings.filter(({ u, f }) => f.code === 'licence.unrecognised' && !/creativecommons|rightsstatements/i.test(u));
  const telling = urlFindings.filter((x) => !neutral.includes(x)).map((x) => x.f);
  const findings: LicenceFinding[] = [...telling, ...(text ? specificTextFindings(text) : [])];

  if (findings.length === 0) {
    const generic = text ? genericTextFinding(text) : undefined;
    if (generic && generic.code !== 'licence.unrecognised') return generic;
    return neutral[0]?.f ?? generic ?? { code: 'licence.unrecognised', detail: `not a licence: ${s}` };
  }
  return combine(findings, s);
}

/** One finding when all agree; otherwise the most severe rejection, or `licence.conflict` when none rejects. */
function combine(findings: LicenceFinding[], s: string): NormalisedLicence {
  const distinct = findings.filter((f, i) => findings.findIndex((g) => g.code === f.code && g.licenceId === f.licenceId) === i);
  if (distinct.length === 1) {
    const f = distinct[0]!;
    const detail = findings.length > 1 ? `${f.detail} (${findings.length} consistent indications)` : f.detail;
    return { code: f.code, ...(f.licenceId && { licenceId: f.licenceId }), ...(f.url && { url: f.url }), detail };
  }
  const worst = [...distinct].sort((a, b) => RANK[statusOf(a.code)!]! - RANK[statusOf(b.code)!]!)[0]!;
  const names = distinct.map((f) => f.licenceId ?? f.code).join(' vs ');
  if (statusOf(worst.code) === 'rejected') return { code: worst.code, detail: `contradictory statement (${names}); ${worst.detail}` };
  return { code: 'licence.conflict', detail: `the statement names different licences (${names}): ${s}` };
}
