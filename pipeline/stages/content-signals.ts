// Content-signals stage, after the image is fetched: X-Robots-Tag / tdm-reservation / Content-Usage headers, embedded XMP/C2PA opt-outs, AI-generation markers (before stripping), SHA-256 registry and withdrawals, embedded licence conflicts.
import { aiGenerated } from '../content/ai-generated.js';
import { checksAfterFetch } from '../optout/after-fetch.js';
import { releaseSignals, type ReleaseSignals } from '../optout/release-signals.js';
import { tallyChecks } from '../optout/signal-checks.js';
import { normaliseLicence } from '../rights/normalise.js';
import type { Stage } from '../work/stage.js';
import { addReason } from '../work/stage.js';
import { handoff } from './handoff.js';

export function contentSignalsStage(): Stage {
  let signals: ReleaseSignals | undefined;
  const counts: Record<string, number> = {};
  const matrix: Record<string, Record<string, number>> = {};
  return {
    name: 'content-signals',
    version: '5',
    runsOn: 'candidate',
    async setup(ctx) {
      signals = await releaseSignals(ctx.releaseDir, ctx.release);
    },
    async process(work) {
      if (!signals) throw new Error('content-signals stage used before setup');
      if (!work.image) return; // the image stage already recorded why there is no image
      const out = checksAfterFetch(signals, { ...work.image, identity: handoff.get(work)?.identity }, work.rights?.licence.id, normaliseLicence);
      for (const r of out.reasons) {
        addReason(work, r.code, r.detail);
        counts[r.code] = (counts[r.code] ?? 0) + 1;
      }
      const ai = aiGenerated(work.image);
      if (ai) {
        addReason(work, ai.code, ai.detail);
        counts[ai.code] = (counts[ai.code] ?? 0) + 1;
      }
      (work.signals ??= []).push(...out.checks);
      tallyChecks(matrix, out.checks);
    },
    stats: () => ({ ...counts, matrix }),
  };
}
