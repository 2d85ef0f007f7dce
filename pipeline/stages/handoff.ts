// Per-run hand-off from the image stage to later stages (decoded previews, stored original's key, perceptual identity).
import type { WorkItem } from '../work/stage.js';
import type { Identity } from '../image/identity.js';
import type { Preview } from '../image/preview.js';

export interface Handoff {
  /** Absent for an opted-out item, whose identity alone was computed (nothing of it is stored). */
  originalKey?: string;
  /** SHA-256 of the fetched bytes, for an opted-out item (others have `work.image`). */
  sha256?: string;
  preview?: Preview;
  /** The item page's preview pixels (≤ 1024 px), decoded by the safety stage for its models; derivatives encode them. */
  large?: Preview;
  /** Perceptual identity (pipeline/image/identity.ts): dedup, opt-outs and withdrawals by appearance. */
  identity?: Identity;
}

/** Weakly keyed by work item so nothing outlives the item. */
export const handoff = new WeakMap<WorkItem, Handoff>();
