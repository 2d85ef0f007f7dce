// Dedup stage (input order): exact copies by sha256; near-duplicates by pHash distance confirmed by a colour fingerprint; the first stays.
import { addReason, type Stage, type WorkItem } from './stage.js';
import { HammingIndex } from '../image/hamming-index.js';
import { colourDistance } from '../image/fingerprint.js';
import { handoff } from '../image/handoff.js';

/**
 * Near-duplicate rule, measured on 1,500 pomological scans (README "The image stage"): copies resized to half size or
 * re-encoded differ by <= 8 pHash bits and <= 3.9 in colour; 5,451 pairs of distinct paintings (same layout) are within
 * 10 bits, yet all differ by >= 5.5 in colour. Both conditions must hold.
 */
export const NEAR_DUPLICATE = { maxHashDistance: 10, maxColourDifference: 4.5 } as const;

export interface DedupOptions {
  maxHashDistance?: number;
  maxColourDifference?: number;
  /** The colour fingerprint of an item (default: what the image stage handed over). */
  printOf?: (work: WorkItem) => Uint8Array | undefined;
}

export function dedupStage(opts: DedupOptions = {}): Stage {
  const maxHash = opts.maxHashDistance ?? NEAR_DUPLICATE.maxHashDistance;
  const maxColour = opts.maxColourDifference ?? NEAR_DUPLICATE.maxColourDifference;
  const printOf = opts.printOf ?? ((w: WorkItem) => handoff.get(w)?.print);
  let bySha = new Map<string, string>();
  let tree = new HammingIndex<{ id: string; print: Uint8Array | undefined }>();
  const counts = { kept: 0, duplicates: 0, nearDuplicates: 0, hashOnlyCandidates: 0, maxHashDistance: maxHash, maxColourDifference: maxColour };
  return {
    name: 'dedup',
    version: '4',
    runsOn: 'accepted',
    ordered: true,
    async setup() {
      bySha = new Map();
      tree = new HammingIndex();
    },
    async process(work) {
      const img = work.image;
      if (!img) return;
      const first = bySha.get(img.sha256);
      if (first !== undefined) {
        counts.duplicates++;
        return addReason(work, 'image.duplicate', `same bytes (sha256 ${img.sha256.slice(0, 12)}…) as ${first}`);
      }
      const print = printOf(work);
      for (const c of tree.within(img.phash, maxHash)) {
        const colour = print && c.value.print ? colourDistance(print, c.value.print) : Infinity;
        if (colour > maxColour) {
          counts.hashOnlyCandidates++;
          continue;
        }
        counts.nearDuplicates++;
        return addReason(
          work,
          'image.near-duplicate',
          `looks like ${c.value.id} (pHash ${c.distance} of 64 bits differ, colour difference ${colour.toFixed(1)} of 255)`,
        );
      }
      bySha.set(img.sha256, work.id);
      tree.add(img.phash, { id: work.id, print });
      counts.kept++;
    },
    stats: () => ({ ...counts }),
  };
}
