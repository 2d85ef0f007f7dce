// Collects an item's opt-out outcomes twice over: the decision's reasons, and a row per signal checked for the matrix (signals.jsonl).
import type { DecisionCode, Reason, Said, Signal, SignalCheck } from '../catalog/index.js';

/** The code a refusal by each signal gives. */
const CODE_OF: Record<Signal, DecisionCode> = {
  withdrawn: 'optout.withdrawn',
  registry: 'optout.registry',
  'ai-txt': 'optout.ai-txt',
  'tdm-rep': 'optout.tdm-rep',
  'robots-txt': 'optout.robots-txt',
  'content-usage': 'optout.content-usage',
  'robots-meta': 'optout.robots-meta',
  'robots-header': 'optout.robots-header',
  embedded: 'optout.embedded',
  'embedded-licence': 'licence.conflict',
};

/** A matrix detail is kept short: the decision's reason carries the full text. */
const MAX_DETAIL = 240;

export class SignalChecks {
  readonly reasons: Reason[] = [];
  readonly checks: SignalCheck[] = [];

  /** Records what a signal said; a refusal also becomes a reason (`reason` overrides its detail). */
  add(signal: Signal, scope: string, said: Said, detail?: string, reason?: string): void {
    const d = detail?.length && detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail;
    this.checks.push(d ? [signal, scope, said, d] : [signal, scope, said]);
    if (said === 'refused') this.reasons.push({ code: CODE_OF[signal], detail: reason ?? detail ?? signal });
  }
}

/** Counts of what each signal said over a run (a stage's stats: summed by `clearance merge`). */
export function tallyChecks(into: Record<string, Record<string, number>>, checks: readonly SignalCheck[]): void {
  for (const [signal, , said] of checks) {
    const t = (into[signal] ??= {});
    t[said] = (t[said] ?? 0) + 1;
  }
}
