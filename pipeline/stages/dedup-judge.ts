// The dedup rule over items seen in input order: copies of opted-out pictures refused, exact copies by sha256, near-duplicates by perceptual identity; the first stays.
// Used by the dedup stage (one build) and by `clearance merge` (items of all shards, in input order).
import type { FingerprintText, Reason } from '../catalog/index.js';
import type { Identity } from '../image/identity.js';
import { formatFingerprint } from '../image/identity-format.js';
import { describeMatch, IDENTITY_MATCH, IdentityIndex, OPT_OUT_MATCH, type IdentityRule } from '../image/identity-index.js';

/** The near-duplicate rule is the perceptual-identity match (pipeline/image/identity-index.ts, measured by
 *  `npm run eval:dedup`: pipeline/README.md "Perceptual identity"). */
export const NEAR_DUPLICATE = IDENTITY_MATCH;

export interface DedupCounts {
  kept: number;
  duplicates: number;
  nearDuplicates: number;
  /** Near-duplicates that matched a mirrored copy. */
  mirrored: number;
  /** …and a cropped copy. */
  cropped: number;
  /** Opted-out pictures (this release's and, with --previous, the previous one's) whose copies are refused. */
  optedOut: number;
  /** Items refused as copies of an opted-out picture (exact or by appearance). */
  optedOutCopies: number;
  maxHashDistance: number;
  maxColourDifference: number;
}

/** An opted-out picture whose copies are refused: the item, the reason it was refused, its fingerprint. */
export interface OptedOut {
  id: string;
  reason: Reason;
  fingerprint: FingerprintText;
  /** Where it was refused: this release, or the previous output (`--previous`). */
  previous?: true;
}

export interface DedupJudge {
  /** Judges the next item in input order: the reason it is demoted, or undefined (then it is kept and indexed). */
  judge(id: string, sha256: string, identity: Identity | undefined): Reason | undefined;
  /** Records the next opted-out item in input order (refused with `reason`): later copies of it get its code. */
  optedOut(id: string, sha256: string | undefined, identity: Identity | undefined, reason: Reason, previous?: boolean): void;
  /** This release's opted-out pictures with a fingerprint, in input order (`opted-out.jsonl`). */
  optedOutList: OptedOut[];
  counts: DedupCounts;
}

interface Refused {
  id: string;
  reason: Reason;
}

/** The detail of a copy of an opted-out picture: which item, why it was refused, how the copy matched. */
function copyDetail(how: string, r: Refused, previous: boolean): string {
  return `${how} ${r.id}${previous ? ' (previous release)' : ''}, refused for ${r.reason.code}: ${r.reason.detail}`;
}

export function createDedupJudge(rule: IdentityRule = NEAR_DUPLICATE, optOutRule: IdentityRule = OPT_OUT_MATCH): DedupJudge {
  const bySha = new Map<string, string>();
  const index = new IdentityIndex<string>(rule);
  const refusedBySha = new Map<string, Refused & { previous: boolean }>();
  const refused = new IdentityIndex<Refused & { previous: boolean }>(optOutRule);
  const optedOutList: OptedOut[] = [];
  const counts: DedupCounts = {
    kept: 0,
    duplicates: 0,
    nearDuplicates: 0,
    mirrored: 0,
    cropped: 0,
    optedOut: 0,
    optedOutCopies: 0,
    maxHashDistance: rule.hash,
    maxColourDifference: rule.colour,
  };
  return {
    counts,
    optedOutList,
    optedOut(id, sha256, identity, reason, previous = false) {
      const r = { id, reason, previous };
      if (sha256 && !refusedBySha.has(sha256)) refusedBySha.set(sha256, r);
      if (!identity) return;
      counts.optedOut++;
      refused.add(identity.fingerprint, r);
      if (!previous) optedOutList.push({ id, reason, fingerprint: formatFingerprint(identity.fingerprint) });
    },
    judge(id, sha256, identity) {
      // A copy of an opted-out picture is refused with its code, whatever else it copies. An item is never judged
      // against its own entry from the previous release (it is judged afresh on this release's signals).
      const same = refusedBySha.get(sha256);
      if (same && same.id !== id) {
        counts.optedOutCopies++;
        return { code: same.reason.code, detail: copyDetail(`same bytes (sha256 ${sha256.slice(0, 12)}…) as the opted-out`, same, same.previous) };
      }
      const looks = identity && refused.nearest(identity, (r) => r.id !== id);
      if (looks) {
        counts.optedOutCopies++;
        return { code: looks.value.reason.code, detail: `${copyDetail('looks like the opted-out', looks.value, looks.value.previous)} (${describeMatch(looks)})` };
      }
      const first = bySha.get(sha256);
      if (first !== undefined) {
        counts.duplicates++;
        return { code: 'image.duplicate', detail: `same bytes (sha256 ${sha256.slice(0, 12)}…) as ${first}` };
      }
      const m = identity && index.nearest(identity);
      if (m) {
        counts.nearDuplicates++;
        if (m.mirrored) counts.mirrored++;
        if (m.window) counts.cropped++;
        return { code: 'image.near-duplicate', detail: `looks like ${m.value} (${describeMatch(m)})` };
      }
      bySha.set(sha256, id);
      if (identity) index.add(identity.fingerprint, id);
      counts.kept++;
      return undefined;
    },
  };
}
