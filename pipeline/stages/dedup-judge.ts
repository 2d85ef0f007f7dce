// The dedup rule over items seen in input order: exact copies by sha256, near-duplicates by pHash + colour; the first stays.
// Used by the dedup stage (one build) and by `clearance merge` (items of all shards, in input order).
import type { Reason } from '../catalog/index.js';
import { HammingIndex } from '../image/hamming-index.js';
import { colourDistance } from '../image/fingerprint.js';

/**
 * Near-duplicate rule, measured on 1,500 pomological scans (pipeline/README.md, "Image stage"): copies resized to half size or
 * re-encoded differ by <= 8 pHash bits and <= 3.9 in colour; 5,451 pairs of distinct paintings (same layout) are within
 * 10 bits, yet all differ by >= 5.5 in colour. Both conditions must hold.
 */
export const NEAR_DUPLICATE = { maxHashDistance: 10, maxColourDifference: 4.5 } as const;

export interface DedupCounts {
  kept: number;
  duplicates: number;
  nearDuplicates: number;
  hashOnlyCandidates: number;
  maxHashDistance: number;
  maxColourDifference: number;
}

export interface DedupJudge {
  /** Judges the next item in input order: the reason it is demoted, or undefined (then it is kept and indexed). */
  judge(id: string, sha256: string, phash: string, print: Uint8Array | undefined): Reason | undefined;
  counts: DedupCounts;
}

export function createDedupJudge(opts: { maxHashDistance?: number; maxColourDifference?: number } = {}): DedupJudge {
  const maxHash = opts.maxHashDistance ?? NEAR_DUPLICATE.maxHashDistance;
  const maxColour = opts.maxColourDifference ?? NEAR_DUPLICATE.maxColourDifference;
  const bySha = new Map<string, string>();
  const tree = new HammingIndex<{ id: string; print: Uint8Array | undefined }>();
  const counts: DedupCounts = { kept: 0, duplicates: 0, nearDuplicates: 0, hashOnlyCandidates: 0, maxHashDistance: maxHash, maxColourDifference: maxColour };
  return {
    counts,
    judge(id, sha256, phash, print) {
      const first = bySha.get(sha256);
      if (first !== undefined) {
        counts.duplicates++;
        return { code: 'image.duplicate', detail: `same bytes (sha256 ${sha256.slice(0, 12)}…) as ${first}` };
      }
      for (const c of tree.within(phash, maxHash)) {
        const colour = print && c.value.print ? colourDistance(print, c.value.print) : Infinity;
        if (colour > maxColour) {
          counts.hashOnlyCandidates++;
          continue;
        }
        counts.nearDuplicates++;
        return {
          code: 'image.near-duplicate',
          detail: `looks like ${c.value.id} (pHash ${c.distance} of 64 bits differ, colour difference ${colour.toFixed(1)} of 255)`,
        };
      }
      bySha.set(sha256, id);
      tree.add(phash, { id, print });
      counts.kept++;
      return undefined;
    },
  };
}
