// The rights decision for one item: its own and its source's licence statements, who asserted them, opt-in holders.
import type { AssertedBy, Evidence, Licence, Reason } from '../catalog/index.js';
import { statusOf } from '../catalog/codes.js';
import type { RightsHolders } from './holders.js';
import { normaliseLicence, type NormalisedLicence } from './normalise.js';

export interface RightsInput {
  /** The licence as the item's record states it. */
  licence?: string;
  /** The licence the release source asserts for all its items. */
  sourceLicence?: string;
  assertedBy?: AssertedBy;
  sourceAssertedBy?: AssertedBy;
  rightsHolder?: string;
  priceMicros?: number;
  creatorDeathYear?: number;
}

export interface RightsOutcome {
  reasons: Reason[];
  rights?: { licence: Licence; priceMicros: number; rightsHolder?: string; assertedBy: AssertedBy };
}

/** Years after the creator's death after which a missing licence earns the `licence.pd-by-age` hint (never an accept). */
const PD_AGE_YEARS = 70;
const optinUrl = (holder: string): string => `urn:clearance:optin:${encodeURIComponent(holder)}`;

const clean = (s: string | undefined): string | undefined => (s?.trim() ? s.trim() : undefined);
const isOptin = (s: string | undefined): boolean => !!s && /^opt-?in$/i.test(s);
const same = (a: NormalisedLicence, b: NormalisedLicence): boolean => a.code === b.code && a.licenceId === b.licenceId;
const label = (n: NormalisedLicence): string => n.licenceId ?? n.code.replace(/^licence\./, '');

export function decideRights(input: RightsInput, holders: RightsHolders, year: number): RightsOutcome {
  const stated = clean(input.licence);
  const sourceStated = clean(input.sourceLicence);
  const assertedBy: AssertedBy = input.assertedBy ?? input.sourceAssertedBy ?? 'institution';
  if (isOptin(stated) || (!stated && isOptin(sourceStated))) return decideOptin(input, holders, assertedBy);

  const reasons: Reason[] = [];
  const hint = (): void => {
    const d = input.creatorDeathYear;
    if (d !== undefined && d + PD_AGE_YEARS < year)
      reasons.push({ code: 'licence.pd-by-age', detail: `creator died in ${d}, over ${PD_AGE_YEARS} years ago: possibly public domain by age, which is not accepted without CC0/PDM` });
  };
  if (!stated && !sourceStated) {
    reasons.push({ code: 'licence.missing', detail: 'no licence stated by the record or its source' });
    hint();
    return { reasons };
  }

  const main = normaliseLicence((stated ?? sourceStated)!);
  const evidence: Evidence[] = [{ kind: stated ? 'source-record' : 'source-default', statement: (stated ?? sourceStated)!, normalised: label(main), assertedBy }];
  let other: NormalisedLicence | undefined;
  if (stated && sourceStated) {
    other = normaliseLicence(sourceStated);
    evidence.push({ kind: 'source-default', statement: sourceStated, normalised: label(other), assertedBy: input.sourceAssertedBy ?? assertedBy });
    if (!same(main, other))
      reasons.push({ code: 'licence.conflict', detail: `the record states ${label(main)} ("${stated}") but its source states ${label(other)} ("${sourceStated}")` });
  }

  const conflicted = reasons.length > 0;
  if (statusOf(main.code) === 'accepted') {
    if (assertedBy === 'third-party')
      reasons.push({ code: 'licence.third-party-assertion', detail: `${label(main)} asserted by a third party, not by the creator or the holding institution: ${main.detail}` });
    else if (!conflicted) reasons.push({ code: main.code, detail: main.detail });
  } else {
    reasons.unshift({ code: main.code, detail: main.detail });
    if (main.code === 'licence.pd-unmarked' || main.code === 'licence.missing') hint();
  }

  const licenceId = main.licenceId ?? (statusOf(main.code) === 'review' ? other?.licenceId : undefined);
  const url = main.url ?? other?.url;
  if (!licenceId || !url || reasons.some((r) => statusOf(r.code) === 'rejected')) return { reasons };
  return {
    reasons,
    rights: { licence: { id: licenceId, url, evidence }, priceMicros: 0, ...(input.rightsHolder && { rightsHolder: input.rightsHolder }), assertedBy },
  };
}

function decideOptin(input: RightsInput, holders: RightsHolders, assertedBy: AssertedBy): RightsOutcome {
  const id = clean(input.rightsHolder);
  const evidence: Evidence[] = [{ kind: clean(input.licence) ? 'source-record' : 'source-default', statement: 'optin', normalised: 'optin', assertedBy }];
  if (!id) return { reasons: [{ code: 'licence.optin-unverified', detail: 'opt-in without a rights holder named' }] };
  const holder = holders.get(id);
  const priceMicros = input.priceMicros ?? holder?.defaultPriceMicros ?? 0;
  if (holder) evidence.push({ kind: 'rights-holder', statement: `${holder.id}${holder.name ? ` (${holder.name})` : ''}: ${holder.status}`, normalised: 'optin' });
  const rights = { licence: { id: 'optin' as const, url: optinUrl(id), evidence }, priceMicros, rightsHolder: id, assertedBy };
  if (holder?.status === 'verified')
    return { reasons: [{ code: 'licence.optin', detail: `verified rights holder ${id} opted in at ${priceMicros} µ$ a download` }], rights };
  const why = holder ? `rights holder ${id} is ${holder.status}, not verified` : `rights holder ${id} is not in the release's rights holders`;
  return { reasons: [{ code: 'licence.optin-unverified', detail: why }], rights };
}
