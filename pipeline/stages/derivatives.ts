// Derivatives stage: WebP thumbnail + inline placeholder (cached by input sha256), then publishes original and thumb under out/files.
import { addReason, type Stage } from './stage.js';
import { handoff } from '../image/handoff.js';
import { decodePreview, makeDerivatives } from '../image/preview.js';

const VERSION = '1';

interface Derived {
  thumb: string;
  placeholder: string;
}

export function derivativesStage(): Stage {
  const counts = { cached: 0, made: 0 };
  return {
    name: 'derivatives',
    version: VERSION,
    runsOn: 'accepted',
    async process(work, ctx) {
      const img = work.image;
      const h = handoff.get(work);
      if (!img || !h) return addReason(work, 'image.unreadable', 'internal: no image facts reached the derivatives stage');
      let d = await ctx.cache.get<Derived>('derivatives', VERSION, img.sha256);
      if (d && (await ctx.files.has(d.thumb))) {
        counts.cached++;
      } else {
        if (!img.data) return addReason(work, 'image.unreadable', 'internal: image bytes were released before derivatives');
        const preview = h.preview ?? (await decodePreview(img.data));
        const made = await makeDerivatives(preview);
        d = { thumb: await ctx.files.store(made.thumb, 'webp', 'thumb'), placeholder: made.placeholder };
        await ctx.cache.put('derivatives', VERSION, img.sha256, d);
        counts.made++;
      }
      await Promise.all([ctx.files.place(h.originalKey), ctx.files.place(d.thumb)]);
      work.files = { original: h.originalKey, thumb: d.thumb };
      work.placeholder = d.placeholder;
      img.data = undefined;
      handoff.delete(work);
    },
    stats: () => ({ ...counts }),
  };
}
