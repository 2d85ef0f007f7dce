// The pipeline's stages in order; the runner groups them and honours each stage's runsOn/ordered.
import type { Stage } from '../work/stage.js';
import { rightsStage } from './rights.js';
import { optoutStage } from './optout.js';
import { imageStage } from './image.js';
import { contentSignalsStage } from './content-signals.js';
import { moderationStage } from './moderation.js';
import { reviewThumbStage } from './review-thumb.js';
import { dedupStage } from './dedup.js';
import type { PreviousOutput } from './opted-out.js';
import { safetyStage } from './safety.js';
import { derivativesStage } from './derivatives.js';

/** Fresh stage instances for one run (stages may keep per-run state such as dedup indexes). `deferDedup`: shard builds.
 *  Moderation runs after every rejecting signal check (a rejection wins over an approval) and before dedup (an approved
 *  item is deduplicated like any other); held items get their private thumbnail right after it. `previous`: the
 *  `--previous` output, whose opted-out pictures dedup refuses copies of. */
export function createStages(opts: { deferDedup?: boolean; previous?: PreviousOutput } = {}): Stage[] {
  return [
    rightsStage(),
    optoutStage(),
    imageStage(),
    contentSignalsStage(),
    moderationStage(),
    reviewThumbStage(),
    dedupStage({ defer: opts.deferDedup, previous: opts.previous }),
    safetyStage(),
    derivativesStage(),
  ];
}
