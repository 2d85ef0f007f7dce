// Rights stage: decides every candidate's licence (CC0/PDM/opt-in accepted; the rest held or rejected with its code).
import type { Stage } from '../work/stage.js';
import { addReason } from '../work/stage.js';
import { decideRights } from '../rights/decide.js';
import { loadRightsHolders, type RightsHolders } from '../rights/holders.js';

export function rightsStage(): Stage {
  let holders: RightsHolders = new Map();
  const counts: Record<string, number> = {};
  return {
    name: 'rights',
    version: '1',
    runsOn: 'candidate',
    async setup(ctx) {
      holders = await loadRightsHolders(ctx.releaseDir, ctx.release.rightsHolders, ctx.log);
    },
    async process(work, ctx) {
      const { item, source } = work;
      const outcome = decideRights(
        {
          licence: item.licence,
          sourceLicence: source.licence,
          assertedBy: item.assertedBy,
          sourceAssertedBy: source.assertedBy,
          rightsHolder: item.rightsHolder,
          priceMicros: item.priceMicros,
          creatorDeathYear: item.creatorDeathYear,
        },
        holders,
        new Date(ctx.now).getUTCFullYear(),
      );
      for (const r of outcome.reasons) {
        addReason(work, r.code, r.detail);
        counts[r.code] = (counts[r.code] ?? 0) + 1;
      }
      if (outcome.rights) work.rights = outcome.rights;
    },
    stats: () => ({ reasons: { ...counts }, rightsHolders: holders.size }),
  };
}
