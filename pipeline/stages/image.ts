// Image stage: fetch (file, recorded response or http), blocklists, decode with limits, pHash, metadata-free original; cached by input sha256.
// Items refused by an opt-out before the fetch still get their perceptual identity (only that) for dedup.
import { addReason, type Stage, type StageContext, type WorkItem } from '../work/stage.js';
import { fetchImage, isHttpUrl, type FetchLimits } from '../image/fetch.js';
import { LIMITS } from '../image/limits.js';
import { loadRecorded, type Recorded } from '../image/recorded.js';
import { analyse, type ImageResult } from '../image/analyse.js';
import { handoff } from './handoff.js';
import { blockedByPerceptual, blockedBySha256, forgetStored, loadBlocklists, type Blocklists } from '../content/blocklist.js';
import { sha256Hex } from '../util/hash.js';
import { formatFingerprint, formatLookup, identityFrom } from '../image/identity-format.js';
import type { Identity } from '../image/identity.js';
import { identityOfBytes } from '../image/identity-bytes.js';
import { appearanceOptOut } from '../optout/by-appearance.js';

/** An item refused before its image was fetched by an opt-out that follows the picture (optout/by-appearance.ts). */
const optedOutBeforeFetch = (w: WorkItem) => !w.image && appearanceOptOut(w.reasons) !== undefined;

// 4: originals keep only what displays the image (APP11/C2PA, MPF, trailers, caBX, C2PA chunks dropped).
// 5: perceptual identity (fingerprint, look-up) instead of the colour print.
// 6: the look-up carries the 32×32 grid (cropped copies of opted-out pictures).
// 7: three frame depths for bordered pictures, the 64×64 grid.
// 8: the grid from exact integer area sums (a value at a rounding tie may round the other way).
const VERSION = '8';

export function imageStage(opts: { limits?: Partial<FetchLimits> } = {}): Stage {
  const limits: FetchLimits = { ...LIMITS, ...opts.limits };
  let recorded: Recorded | undefined;
  let blocklists: Blocklists | undefined;
  const counts = { file: 0, recorded: 0, network: 0, cached: 0, analysed: 0, strippedBytewise: 0, reencodedPng: 0, blocklisted: 0, optedOutIdentities: 0 };

  /** An opted-out item: fetched and decoded for its perceptual identity only (handed to dedup, which keeps its edited
   *  copies out); nothing stored, no reason added whatever happens (it is refused already). Only an image the release
   *  holds (a file, a recorded response) is read: an opted-out URL is not downloaded. */
  async function identityOnly(work: WorkItem, ctx: StageContext): Promise<void> {
    if (isHttpUrl(work.item.image) && !recorded!.byUrl.has(work.item.image)) return;
    const fetched = await fetchImage(work.item.image, ctx.releaseDir, recorded!, limits);
    if (!fetched.ok) return;
    const sha = sha256Hex(fetched.data);
    const cached = await ctx.cache.get<{ fingerprint: string; lookup: string } | null>('identity', VERSION, sha);
    let identity = cached ? identityFrom(cached.fingerprint, cached.lookup) : undefined;
    if (cached === undefined) {
      identity = await identityOfBytes(fetched.data);
      await ctx.cache.put('identity', VERSION, sha, identity ? { fingerprint: formatFingerprint(identity.fingerprint), lookup: formatLookup(identity) } : null);
    }
    if (identity) counts.optedOutIdentities++;
    handoff.set(work, { sha256: sha, ...(identity ? { identity } : {}) });
  }

  async function resultFor(data: Buffer, sha: string, work: WorkItem, ctx: StageContext): Promise<ImageResult> {
    const cached = await ctx.cache.get<ImageResult>('image', VERSION, sha);
    // The stored original is not checked here (a syscall per item): derivatives repairs a missing one when it publishes.
    const listed = (identity: Identity): ImageResult | undefined => {
      const detail = blocklists && blockedByPerceptual(blocklists, identity);
      return detail ? { ok: false, code: 'content.blocklisted', detail } : undefined;
    };
    const cachedIdentity = cached?.ok ? identityFrom(cached.fingerprint, cached.lookup) : undefined;
    if (cached?.ok && cachedIdentity) {
      const blocked = listed(cachedIdentity);
      if (blocked) {
        await forgetStored(ctx.files.storeDir, cached.original); // kept by a run before the list named it
        counts.blocklisted++;
        return blocked;
      }
    }
    if (cached) {
      counts.cached++;
      if (cached.ok) handoff.set(work, { originalKey: cached.original, identity: cachedIdentity });
      return cached;
    }
    const { result, preview, identity } = await analyse(data, ctx.files, listed);
    if (!result.ok && result.code === 'content.blocklisted') {
      counts.blocklisted++;
      return result; // not cached: the lists may change, and nothing about listed bytes is kept
    }
    counts.analysed++;
    if (result.ok) {
      handoff.set(work, { originalKey: result.original, preview, identity });
      if (result.stripMethod === 'bytes') counts.strippedBytewise++;
      else counts.reencodedPng++;
    }
    // A time-out depends on the machine's load: not cached, the next run tries again.
    if (result.ok || result.code !== 'image.timeout') await ctx.cache.put('image', VERSION, sha, result);
    return result;
  }

  return {
    name: 'image',
    version: VERSION,
    runsOn: 'candidate',
    alsoRunsOn: optedOutBeforeFetch,
    async setup(ctx) {
      recorded = await loadRecorded(ctx.releaseDir, ctx.release.fetched);
      for (const p of recorded.problems) ctx.log(`image: ${p}`);
      blocklists = await loadBlocklists(ctx.releaseDir, ctx.release);
    },
    async process(work, ctx) {
      recorded ??= await loadRecorded(ctx.releaseDir, ctx.release.fetched);
      if (optedOutBeforeFetch(work)) return identityOnly(work, ctx);
      const fetched = await fetchImage(work.item.image, ctx.releaseDir, recorded, limits);
      if (!fetched.ok) return addReason(work, fetched.code, fetched.detail);
      counts[fetched.from]++;
      const sha = sha256Hex(fetched.data);
      const exact = blocklists && blockedBySha256(blocklists, sha);
      if (exact) {
        counts.blocklisted++;
        const earlier = await ctx.cache.get<ImageResult>('image', VERSION, sha);
        if (earlier?.ok) await forgetStored(ctx.files.storeDir, earlier.original); // kept by a run before the list named it
        return addReason(work, 'content.blocklisted', exact);
      }
      const r = await resultFor(fetched.data, sha, work, ctx);
      if (!r.ok) return addReason(work, r.code, r.detail);
      const buf = (s: string | undefined) => (s ? Buffer.from(s, 'base64') : undefined);
      work.image = {
        sha256: sha,
        bytes: fetched.data.length,
        width: r.width,
        height: r.height,
        format: r.format,
        phash: r.phash,
        fingerprint: r.fingerprint,
        data: fetched.data,
        headers: fetched.headers,
        exif: buf(r.exif),
        xmp: buf(r.xmp),
        iptc: buf(r.iptc),
      };
    },
    stats: () => ({ ...counts }),
  };
}
