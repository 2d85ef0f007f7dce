// Dedup stage (input order): exact copies by sha256, near-duplicates by pHash Hamming distance; the first one stays.
import { addReason, type Stage } from './stage.js';
import { BkTree } from '../image/bk-tree.js';

/** pHash distance (of 64 bits) at or below which two images count as the same picture. */
export const NEAR_DUPLICATE_MAX_DISTANCE = 6;

export function dedupStage(maxDistance = NEAR_DUPLICATE_MAX_DISTANCE): Stage {
  let bySha = new Map<string, string>();
  let tree = new BkTree<string>();
  const counts = { kept: 0, duplicates: 0, nearDuplicates: 0, maxDistance };
  return {
    name: 'dedup',
    version: '1',
    runsOn: 'accepted',
    ordered: true,
    async setup() {
      bySha = new Map();
      tree = new BkTree();
    },
    async process(work) {
      const img = work.image;
      if (!img) return;
      const first = bySha.get(img.sha256);
      if (first !== undefined) {
        counts.duplicates++;
        return addReason(work, 'image.duplicate', `same bytes (sha256 ${img.sha256.slice(0, 12)}…) as ${first}`);
      }
      const near = tree.nearest(img.phash, maxDistance);
      if (near) {
        counts.nearDuplicates++;
        return addReason(work, 'image.near-duplicate', `looks like ${near.value} (pHash ${img.phash} vs ${near.hash}, ${near.distance} of 64 bits differ)`);
      }
      bySha.set(img.sha256, work.id);
      tree.add(img.phash, work.id);
      counts.kept++;
    },
    stats: () => ({ ...counts }),
  };
}
