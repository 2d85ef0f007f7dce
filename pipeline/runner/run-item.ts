// Runs one work item through the stages: skips per runsOn / alsoRunsOn and rejections, takes ordered turns, times each stage, catches throws, enforces the item's time budget.
import { statusOf, type DecisionCode } from '../catalog/index.js';
import type { Stage, StageContext, WorkItem } from '../work/stage.js';
import type { Turn } from './ordered-gates.js';

export interface StageTiming {
  ms: number;
  count: number;
  errors: number;
  /** Items that ran out of their time budget in this stage. */
  timeouts?: number;
}

export type Timings = Record<string, StageTiming>;

/** Time an item may spend inside stages (decode, models, parsing; not waiting for its ordered turn), ms; 0 = no limit. */
const ITEM_TIMEOUT_ENV = 'CLEARANCE_ITEM_TIMEOUT_MS';

const has = (w: WorkItem, status: 'rejected' | 'review') => w.reasons.some((r) => statusOf(r.code) === status);

/** A stage that throws for one item records it as data: image-handling stages as `image.unreadable`, others `input.invalid`. */
function internalCode(stage: Stage): DecisionCode {
  return stage.name === 'image' || stage.name === 'derivatives' || stage.name === 'dedup' ? 'image.unreadable' : 'input.invalid';
}

const TIMED_OUT = Symbol('timed out');

/** The stage's promise, or TIMED_OUT after `ms` (the work itself cannot be cancelled: it is left to finish or not). */
function withinBudget(work: Promise<void>, ms: number): Promise<void | typeof TIMED_OUT> {
  if (ms <= 0 || !Number.isFinite(ms)) return work;
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

export async function runItem(
  work: WorkItem,
  stages: readonly Stage[],
  turns: Map<string, Turn>,
  ctx: StageContext,
  timings: Timings,
  /** The item's time budget in the stages, ms (0: none): CLEARANCE_ITEM_TIMEOUT_MS unless the build says otherwise. */
  budgetMs: number,
): Promise<void> {
  let spent = 0;
  for (const stage of stages) {
    const turn = turns.get(stage.name);
    const skip = (has(work, 'rejected') || (stage.runsOn === 'accepted' && has(work, 'review'))) && !stage.alsoRunsOn?.(work);
    if (skip) {
      turn?.done();
      continue;
    }
    if (turn) await turn.ready;
    const t = (timings[stage.name] ??= { ms: 0, count: 0, errors: 0 });
    const t0 = performance.now();
    const running = Promise.resolve().then(() => stage.process(work, ctx));
    try {
      const outcome = await withinBudget(running, budgetMs > 0 ? Math.max(1, budgetMs - spent) : 0);
      if (outcome === TIMED_OUT) {
        t.timeouts = (t.timeouts ?? 0) + 1;
        // The decision is taken now; whatever the stage does later to this item is not read (its reasons are copied at decide()).
        running.catch((err: unknown) => ctx.log(`${work.id}: ${stage.name} stage failed after the item timed out: ${err instanceof Error ? err.message : String(err)}`));
        work.reasons.push({
          code: 'image.timeout',
          detail: `the ${stage.name} stage did not finish within the item's time budget of ${seconds(budgetMs)} (${ITEM_TIMEOUT_ENV}); the item was set aside and the build went on`,
        });
        ctx.log(`${work.id}: timed out in the ${stage.name} stage after ${seconds(budgetMs)} in stages`);
      }
    } catch (err) {
      t.errors++;
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      work.reasons.push({ code: internalCode(stage), detail: `internal error in the ${stage.name} stage: ${msg}` });
      ctx.log(`${work.id}: ${stage.name} stage threw: ${err instanceof Error ? (err.stack ?? msg) : msg}`);
    } finally {
      const ms = performance.now() - t0;
      spent += ms;
      t.ms += ms;
      t.count++;
      turn?.done();
    }
  }
  // Memory stays bounded: no bytes survive an item's pass through the stages.
  if (work.image) work.image.data = undefined;
}
