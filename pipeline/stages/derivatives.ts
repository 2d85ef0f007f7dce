// Derivatives stage: WebP thumbnail, item-page preview and inline placeholder (cached by input sha256), then publishes
// original, thumb and preview under out/files.
import { addReason, type Stage, type StageContext } from '../work/stage.js';
import type { ImageFacts } from '../work/stage.js';
import { analyse } from '../image/analyse.js';
import { handoff, type Handoff } from './handoff.js';
import { decodePreview, makeThumbnail } from '../image/preview.js';
import { placeholderFromPrint } from '../image/placeholder.js';
import { identityOf } from '../image/identity.js';
import { encodeLargePreview, makeLargePreview, previewKeyFor, storeAs } from '../image/large-preview.js';

// 4: the placeholder comes from perceptual identity's area-weighted colour print.
const VERSION = '4';

interface Derived {
  thumb: string;
  preview: string;
  placeholder: string;
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function derivativesStage(): Stage {
  const counts = { cached: 0, made: 0, repaired: 0 };

  async function make(img: ImageFacts, h: Handoff, ctx: StageContext): Promise<Derived> {
    if (!img.data) throw new Error('image bytes were released before derivatives');
    const preview = h.preview ?? (await decodePreview(img.data));
    const print = (h.identity ?? identityOf(preview)).fingerprint.print;
    const [thumb, large] = await Promise.all([makeThumbnail(preview), h.large ? encodeLargePreview(h.large) : makeLargePreview(img.data)]);
    const thumbKey = await ctx.files.store(thumb, 'webp', 'thumb');
    const previewKey = await storeAs(ctx.files.storeDir, previewKeyFor(thumbKey), large);
    const d = { thumb: thumbKey, preview: previewKey, placeholder: placeholderFromPrint(print, img.width, img.height) };
    await ctx.cache.put('derivatives', VERSION, img.sha256, d);
    counts.made++;
    return d;
  }

  /** Publishes a stored file; if the store lost it (cache dir pruned), rebuilds it from the bytes in hand. */
  async function publish(key: string, rebuild: () => Promise<string>, ctx: StageContext): Promise<string> {
    try {
      await ctx.files.place(key);
      return key;
    } catch (err) {
      if (!isMissing(err)) throw err;
      counts.repaired++;
      const again = await rebuild();
      await ctx.files.place(again);
      return again;
    }
  }

  return {
    name: 'derivatives',
    version: VERSION,
    runsOn: 'accepted',
    async process(work, ctx) {
      const img = work.image;
      const h = handoff.get(work);
      if (!img || !h?.originalKey) return addReason(work, 'image.unreadable', 'internal: no image facts reached the derivatives stage');
      let d = await ctx.cache.get<Derived>('derivatives', VERSION, img.sha256);
      if (d) counts.cached++;
      else d = await make(img, h, ctx);
      const derived = d;
      const [original, thumb, previewFile] = await Promise.all([
        publish(h.originalKey, async () => {
          const { result } = await analyse(img.data!, ctx.files);
          if (!result.ok) throw new Error(`cannot rebuild the original: ${result.detail}`);
          return result.original;
        }, ctx),
        publish(derived.thumb, async () => (d = await make(img, h, ctx)).thumb, ctx),
        publish(derived.preview, async () => (d = await make(img, h, ctx)).preview, ctx),
      ]);
      work.files = { original, thumb, preview: previewFile };
      work.placeholder = d.placeholder;
      img.data = undefined;
      handoff.delete(work);
    },
    stats: () => ({ ...counts }),
  };
}
