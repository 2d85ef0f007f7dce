// Opt-out stage, before the image is fetched: withdrawals by id, Do Not Train registry (URL, domain), ai.txt and TDM-Rep of the item's hosts.
import { checkBeforeFetch } from '../optout/before-fetch.js';
import { releaseSignals, type ReleaseSignals } from '../optout/release-signals.js';
import type { Stage } from './stage.js';
import { addReason } from './stage.js';

export function optoutStage(): Stage {
  let signals: ReleaseSignals | undefined;
  const counts: Record<string, number> = {};
  return {
    name: 'optout',
    version: '1',
    runsOn: 'candidate',
    async setup(ctx) {
      signals = await releaseSignals(ctx.releaseDir, ctx.release);
      for (const w of signals.warnings) ctx.log(`optout: ${w}`);
    },
    async process(work) {
      if (!signals) throw new Error('optout stage used before setup');
      for (const r of checkBeforeFetch(signals, { id: work.id, sourceUrl: work.item.sourceUrl, image: work.item.image })) {
        addReason(work, r.code, r.detail);
        counts[r.code] = (counts[r.code] ?? 0) + 1;
      }
    },
    stats: () => ({ ...counts }),
  };
}
