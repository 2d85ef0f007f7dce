// The dedup rule over items seen in input order: exact copies by sha256, near-duplicates by perceptual identity; the first stays.
// Used by the dedup stage (one build) and by `clearance merge` (items of all shards, in input order).
import type { Reason } from '../catalog/index.js';
import type { Identity } from '../image/identity.js';
import { describeMatch, IDENTITY_MATCH, IdentityIndex, type IdentityRule } from '../image/identity-index.js';

/** The near-duplicate rule is the perceptual-identity match (pipeline/image/identity-index.ts, measured by
 *  `npm run eval:dedup`: pipeline/README.md "Perceptual identity"). */
export const NEAR_DUPLICATE = IDENTITY_MATCH;

export interface DedupCounts {
  kept: number;
  duplicates: number;
  nearDuplicates: number;
  /** Near-duplicates that matched a mirrored copy. */
  mirrored: number;
  maxHashDistance: number;
  maxColourDifference: number;
}

export interface DedupJudge {
  /** Judges the next item in input order: the reason it is demoted, or undefined (then it is kept and indexed). */
  judge(id: string, sha256: string, identity: Identity | undefined): Reason | undefined;
  counts: DedupCounts;
}

export function createDedupJudge(rule: IdentityRule = NEAR_DUPLICATE): DedupJudge {
  const bySha = new Map<string, string>();
  const index = new IdentityIndex<string>(rule);
  const counts: DedupCounts = { kept: 0, duplicates: 0, nearDuplicates: 0, mirrored: 0, maxHashDistance: rule.hash, maxColourDifference: rule.colour };
  return {
    counts,
    judge(id, sha256, identity) {
      const first = bySha.get(sha256);
      if (first !== undefined) {
        counts.duplicates++;
        return { code: 'image.duplicate', detail: `same bytes (sha256 ${sha256.slice(0, 12)}…) as ${first}` };
      }
      const m = identity && index.nearest(identity);
      if (m) {
        counts.nearDuplicates++;
        if (m.mirrored) counts.mirrored++;
        return { code: 'image.near-duplicate', detail: `looks like ${m.value} (${describeMatch(m)})` };
      }
      bySha.set(sha256, id);
      if (identity) index.add(identity.fingerprint, id);
      counts.kept++;
      return undefined;
    },
  };
}
