// Dedup stage (input order): exact copies by sha256; near-duplicates by pHash distance confirmed by a colour fingerprint; the first stays.
// In a shard build (`defer`), it judges nothing: it records what the merge needs to judge across all shards.
import { addReason, type Stage, type WorkItem } from '../work/stage.js';
import { handoff } from './handoff.js';
import { createDedupJudge, NEAR_DUPLICATE, type DedupJudge } from './dedup-judge.js';

export { NEAR_DUPLICATE };

export interface DedupOptions {
  maxHashDistance?: number;
  maxColourDifference?: number;
  /** The colour fingerprint of an item (default: what the image stage handed over). */
  printOf?: (work: WorkItem) => Uint8Array | undefined;
  /** Shard builds: keep every item, set `work.dedup` for `clearance merge` to judge in input order across shards. */
  defer?: boolean;
}

export function dedupStage(opts: DedupOptions = {}): Stage {
  const printOf = opts.printOf ?? ((w: WorkItem) => handoff.get(w)?.print);
  const fresh = () => createDedupJudge(opts);
  let judge: DedupJudge = fresh();
  let deferred = 0;
  return {
    name: 'dedup',
    version: '4',
    runsOn: 'accepted',
    ordered: true,
    async setup() {
      judge = fresh();
      deferred = 0;
    },
    async process(work) {
      const img = work.image;
      if (!img) return;
      const print = printOf(work);
      if (opts.defer) {
        deferred++;
        work.dedup = { sha256: img.sha256, phash: img.phash, ...(print ? { print: Buffer.from(print).toString('base64') } : {}), reasons: [...work.reasons] };
        return;
      }
      const reason = judge.judge(work.id, img.sha256, img.phash, print);
      // An opt-in work that copies an earlier item (a catalogued CC0/PD work, another holder's) is never accepted by
      // itself: held for a moderator as a licence conflict, the earlier item named in the detail.
      if (reason && work.rights?.licence.id === 'optin') addReason(work, 'licence.conflict', `opt-in submission ${reason.code === 'image.duplicate' ? 'is an exact copy' : 'is a near copy'} of an earlier item: ${reason.detail}`);
      else if (reason) addReason(work, reason.code, reason.detail);
    },
    stats: () => (opts.defer ? { deferredToMerge: deferred } : { ...judge.counts }),
  };
}
