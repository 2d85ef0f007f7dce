// Per-run hand-off from the image stage to the derivatives stage (decoded preview, stored original's key).
import type { WorkItem } from '../work/stage.js';
import type { Preview } from '../image/preview.js';

export interface Handoff {
  originalKey: string;
  preview?: Preview;
  /** Colour fingerprint for near-duplicate confirmation (see fingerprint.ts). */
  print?: Buffer;
}

/** Weakly keyed by work item so nothing outlives the item. */
export const handoff = new WeakMap<WorkItem, Handoff>();
