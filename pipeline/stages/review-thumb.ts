// Review-thumb stage: a private WebP thumbnail (same as the public one, metadata-free) for items held for review.
import { statusOf } from '../catalog/index.js';
import { handoff } from './handoff.js';
import { decodePreview, makeThumbnail } from '../image/preview.js';
import type { Stage, StageContext, WorkItem } from '../work/stage.js';

const VERSION = '1';
/** Key prefix under files/ and in R2: never served publicly (the console serves it to moderators). */
const REVIEW_THUMB_KIND = 'review-thumb';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function reviewThumbStage(): Stage {
  const counts = { made: 0, cached: 0, failed: 0 };

  async function make(work: WorkItem, ctx: StageContext): Promise<string | undefined> {
    const img = work.image!;
    if (!img.data) return undefined;
    const preview = handoff.get(work)?.preview ?? (await decodePreview(img.data));
    const key = await ctx.files.store(await makeThumbnail(preview), 'webp', REVIEW_THUMB_KIND);
    await ctx.cache.put('review-thumb', VERSION, img.sha256, key);
    counts.made++;
    return key;
  }

  async function thumbFor(work: WorkItem, ctx: StageContext): Promise<string | undefined> {
    const cached = await ctx.cache.get<string>('review-thumb', VERSION, work.image!.sha256);
    if (cached) {
      try {
        await ctx.files.place(cached);
        counts.cached++;
        return cached;
      } catch (err) {
        if (!isMissing(err)) throw err; // the store lost it (cache dir pruned): make it again
      }
    }
    const key = await make(work, ctx);
    if (key) await ctx.files.place(key);
    return key;
  }

  return {
    name: 'review-thumb',
    version: VERSION,
    // Held items only: the accepted path makes the public thumbnail in the derivatives stage.
    runsOn: 'candidate',
    async process(work, ctx) {
      if (!work.image || !work.reasons.some((r) => statusOf(r.code) === 'review')) return;
      try {
        const key = await thumbFor(work, ctx);
        if (key) work.reviewThumb = key;
      } catch (err) {
        // A held item without a thumbnail is still reviewable: never turn this into a rejection.
        counts.failed++;
        ctx.log(`review-thumb: ${work.id}: no review thumbnail (${(err as Error).message.split('\n')[0]})`);
      } finally {
        handoff.delete(work);
      }
    },
    stats: () => ({ ...counts }),
  };
}
