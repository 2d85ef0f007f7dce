// Moderation stage: applies the release's `reviews` file to held items whose evidence hash matches a decision.
import { statusOf } from '../catalog/index.js';
import { approve, markStale, reject } from '../moderation/apply-decision.js';
import { evidenceHash, evidenceOf } from '../moderation/evidence-hash.js';
import { decisionFor, latest, loadReviewDecisions, type ReviewDecisions } from '../moderation/review-decisions.js';
import type { Stage } from '../work/stage.js';

export function moderationStage(): Stage {
  let decisions: ReviewDecisions = new Map();
  const counts = { decisions: 0, approved: 0, rejected: 0, stale: 0 };
  return {
    name: 'moderation',
    version: '1',
    runsOn: 'candidate',
    async setup(ctx) {
      decisions = ctx.release.reviews ? await loadReviewDecisions(ctx.releaseDir, ctx.release.reviews) : new Map();
      counts.decisions = [...decisions.values()].reduce((n, l) => n + l.length, 0);
      counts.approved = counts.rejected = counts.stale = 0;
    },
    async process(work) {
      if (!work.reasons.some((r) => statusOf(r.code) === 'review')) return;
      const list = decisions.get(work.id);
      if (!list) return;
      const hash = evidenceHash(evidenceOf(work));
      const d = decisionFor(list, hash);
      if (!d) {
        counts.stale++;
        return markStale(work, latest(list)!, hash);
      }
      if (d.action === 'reject') {
        counts.rejected++;
        return reject(work, d);
      }
      counts.approved++;
      approve(work, { ...d, licence: d.licence! });
    },
    stats: () => ({ ...counts }),
  };
}
