// Dedup stage (input order): exact copies by sha256; near-duplicates by perceptual identity (hash + tone-fitted colour); the first stays.
// In a shard build (`defer`), it judges nothing: it records what the merge needs to judge across all shards.
import { addReason, type Stage, type WorkItem } from '../work/stage.js';
import { handoff } from './handoff.js';
import { createDedupJudge, NEAR_DUPLICATE, type DedupJudge } from './dedup-judge.js';
import type { Identity } from '../image/identity.js';
import type { IdentityRule } from '../image/identity-index.js';
import { formatFingerprint, formatLookup } from '../image/identity-format.js';

export { NEAR_DUPLICATE };

export interface DedupOptions {
  rule?: IdentityRule;
  /** The perceptual identity of an item (default: what the image stage handed over). */
  identityOf?: (work: WorkItem) => Identity | undefined;
  /** Shard builds: keep every item, set `work.dedup` for `clearance merge` to judge in input order across shards. */
  defer?: boolean;
}

export function dedupStage(opts: DedupOptions = {}): Stage {
  const identityOf = opts.identityOf ?? ((w: WorkItem) => handoff.get(w)?.identity);
  const fresh = () => createDedupJudge(opts.rule);
  let judge: DedupJudge = fresh();
  let deferred = 0;
  return {
    name: 'dedup',
    version: '5',
    runsOn: 'accepted',
    ordered: true,
    async setup() {
      judge = fresh();
      deferred = 0;
    },
    async process(work) {
      const img = work.image;
      if (!img) return;
      const identity = identityOf(work);
      if (opts.defer) {
        deferred++;
        const id = identity ? { fingerprint: formatFingerprint(identity.fingerprint), lookup: formatLookup(identity) } : {};
        work.dedup = { sha256: img.sha256, phash: img.phash, ...id, reasons: [...work.reasons] };
        return;
      }
      const reason = judge.judge(work.id, img.sha256, identity);
      // An opt-in work that copies an earlier item (a catalogued CC0/PD work, another holder's) is never accepted by
      // itself: held for a moderator as a licence conflict, the earlier item named in the detail.
      if (reason && work.rights?.licence.id === 'optin') addReason(work, 'licence.conflict', `opt-in submission ${reason.code === 'image.duplicate' ? 'is an exact copy' : 'is a near copy'} of an earlier item: ${reason.detail}`);
      else if (reason) addReason(work, reason.code, reason.detail);
    },
    stats: () => (opts.defer ? { deferredToMerge: deferred } : { ...judge.counts }),
  };
}
