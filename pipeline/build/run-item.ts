// Runs one work item through the stages: skips per runsOn and rejections, takes ordered turns, times each stage, catches throws.
import { statusOf, type DecisionCode } from '../catalog/index.js';
import type { Stage, StageContext, WorkItem } from '../stages/stage.js';
import type { Turn } from './ordered-gates.js';

export interface StageTiming {
  ms: number;
  count: number;
  errors: number;
}

export type Timings = Record<string, StageTiming>;

const has = (w: WorkItem, status: 'rejected' | 'review') => w.reasons.some((r) => statusOf(r.code) === status);

/** A stage that throws for one item records it as data: image-handling stages as `image.unreadable`, others `input.invalid`. */
function internalCode(stage: Stage): DecisionCode {
  return stage.name === 'image' || stage.name === 'derivatives' || stage.name === 'dedup' ? 'image.unreadable' : 'input.invalid';
}

export async function runItem(
  work: WorkItem,
  stages: readonly Stage[],
  turns: Map<string, Turn>,
  ctx: StageContext,
  timings: Timings,
): Promise<void> {
  for (const stage of stages) {
    const turn = turns.get(stage.name);
    const skip = has(work, 'rejected') || (stage.runsOn === 'accepted' && has(work, 'review'));
    if (skip) {
      turn?.done();
      continue;
    }
    if (turn) await turn.ready;
    const t = (timings[stage.name] ??= { ms: 0, count: 0, errors: 0 });
    const t0 = performance.now();
    try {
      await stage.process(work, ctx);
    } catch (err) {
      t.errors++;
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      work.reasons.push({ code: internalCode(stage), detail: `internal error in the ${stage.name} stage: ${msg}` });
      ctx.log(`${work.id}: ${stage.name} stage threw: ${err instanceof Error ? (err.stack ?? msg) : msg}`);
    } finally {
      t.ms += performance.now() - t0;
      t.count++;
      turn?.done();
    }
  }
  // Memory stays bounded: no bytes survive an item's pass through the stages.
  if (work.image) work.image.data = undefined;
}
