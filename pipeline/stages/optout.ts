// Opt-out stage, before the image is fetched: withdrawals by id, Do Not Train registry (URL, domain), ai.txt, TDM-Rep and robots.txt of the item's hosts, its landing page.
import { join } from 'node:path';
import { checksBeforeFetch } from '../optout/before-fetch.js';
import { releaseSignals, type ReleaseSignals } from '../optout/release-signals.js';
import { tallyChecks } from '../optout/signal-checks.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { Stage } from '../work/stage.js';
import { addReason } from '../work/stage.js';

/** The snapshots the matrix refers to, beside signals.jsonl in the output. */
const SIGNAL_SOURCES_FILE = 'signal-sources.json';

export function optoutStage(): Stage {
  let signals: ReleaseSignals | undefined;
  const counts: Record<string, number> = {};
  const matrix: Record<string, Record<string, number>> = {};
  return {
    name: 'optout',
    version: '2',
    runsOn: 'candidate',
    async setup(ctx) {
      signals = await releaseSignals(ctx.releaseDir, ctx.release);
      for (const w of signals.warnings) ctx.log(`optout: ${w}`);
    },
    async process(work) {
      if (!signals) throw new Error('optout stage used before setup');
      const out = checksBeforeFetch(signals, { id: work.id, sourceUrl: work.item.sourceUrl, image: work.item.image });
      for (const r of out.reasons) {
        addReason(work, r.code, r.detail);
        counts[r.code] = (counts[r.code] ?? 0) + 1;
      }
      (work.signals ??= []).push(...out.checks);
      tallyChecks(matrix, out.checks);
    },
    async teardown(ctx) {
      if (!signals) return;
      const sorted = Object.fromEntries(Object.entries(signals.sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await writeFileAtomic(join(ctx.outDir, SIGNAL_SOURCES_FILE), `${JSON.stringify(sorted)}\n`);
    },
    stats: () => ({ ...counts, matrix }),
  };
}
