// Dedup stage (input order): copies of opted-out pictures refused with their code; exact copies by sha256; near-duplicates by perceptual identity (hash + tone-fitted colour); the first stays.
// In a shard build (`defer`), it judges nothing: it records what the merge needs to judge across all shards.
import { join } from 'node:path';
import { addReason, type Stage, type WorkItem } from '../work/stage.js';
import { handoff } from './handoff.js';
import { createDedupJudge, NEAR_DUPLICATE, type DedupJudge } from './dedup-judge.js';
import type { Identity } from '../image/identity.js';
import type { IdentityRule } from '../image/identity-index.js';
import { formatFingerprint, formatLookup } from '../image/identity-format.js';
import { appearanceOptOut } from '../optout/by-appearance.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { OPTED_OUT_FILE, optedOutLines, seedPrevious, type PreviousOutput } from './opted-out.js';

export { NEAR_DUPLICATE };

export interface DedupOptions {
  rule?: IdentityRule;
  /** The perceptual identity of an item (default: what the image stage handed over). */
  identityOf?: (work: WorkItem) => Identity | undefined;
  /** Shard builds: keep every item, set `work.dedup` for `clearance merge` to judge in input order across shards. */
  defer?: boolean;
  /** `--previous`: its opted-out pictures (and catalogued pictures this release withdraws or lists) are refused too. */
  previous?: PreviousOutput;
}

/** A refused item whose refusal follows its picture (optout/by-appearance.ts): indexed so its copies are refused. */
const optedOut = (w: WorkItem) => appearanceOptOut(w.reasons) !== undefined;

export function dedupStage(opts: DedupOptions = {}): Stage {
  const identityOf = opts.identityOf ?? ((w: WorkItem) => handoff.get(w)?.identity);
  const fresh = () => createDedupJudge(opts.rule);
  let judge: DedupJudge = fresh();
  let deferred = 0;
  return {
    name: 'dedup',
    version: '8',
    runsOn: 'accepted',
    alsoRunsOn: optedOut,
    ordered: true,
    async setup(ctx) {
      judge = fresh();
      deferred = 0;
      if (opts.previous && !opts.defer) await seedPrevious(judge, opts.previous, ctx);
    },
    async process(work) {
      const identity = identityOf(work);
      const sha256 = work.image?.sha256 ?? handoff.get(work)?.sha256;
      const refusal = appearanceOptOut(work.reasons);
      if (opts.defer) {
        if (!sha256) return;
        deferred++;
        const id = identity ? { fingerprint: formatFingerprint(identity.fingerprint), lookup: formatLookup(identity) } : {};
        work.dedup = { sha256, phash: work.image?.phash ?? identity?.fingerprint.hash ?? '', ...id, reasons: [...work.reasons] };
        return;
      }
      if (refusal) return judge.optedOut(work.id, sha256, identity, refusal);
      const img = work.image;
      if (!img) return;
      const reason = judge.judge(work.id, img.sha256, identity);
      // An opt-in work that copies an earlier item (a catalogued CC0/PD work, another holder's) is never accepted by
      // itself: held for a moderator as a licence conflict, the earlier item named in the detail.
      if (reason && work.rights?.licence.id === 'optin' && (reason.code === 'image.duplicate' || reason.code === 'image.near-duplicate'))
        addReason(work, 'licence.conflict', `opt-in submission ${reason.code === 'image.duplicate' ? 'is an exact copy' : 'is a near copy'} of an earlier item: ${reason.detail}`);
      else if (reason) addReason(work, reason.code, reason.detail);
    },
    async teardown(ctx) {
      if (!opts.defer) await writeFileAtomic(join(ctx.outDir, OPTED_OUT_FILE), optedOutLines(judge.optedOutList));
    },
    stats: () => (opts.defer ? { deferredToMerge: deferred } : { ...judge.counts }),
  };
}
