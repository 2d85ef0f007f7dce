// Safety stage: nudity (nsfwjs→ONNX) and face (YuNet by default) scores per accepted image, text PII in its metadata and (OCR) its pixels.
import { CliError } from '../util/cli-error.js';
import { nsfwBatch, ocrOff, safetyDecodes, safetyOff } from '../util/config.js';
import type { Safety } from '../catalog/index.js';
import type { Stage, StageContext, WorkItem } from '../work/stage.js';
import { ImageScorer, loadSafetyModels, type ImageScores } from '../safety/scorer.js';
import { ScoreHistogram } from '../safety/scores.js';
import { hasTextPii, TEXT_PII_VERSION } from '../safety/text-pii.js';
import { PixelText } from '../safety/pixel-text.js';
import { decodeLargePreview } from '../image/large-preview.js';
import type { Preview } from '../image/preview.js';
import { handoff } from './handoff.js';

export interface SafetyStageOptions {
  env?: NodeJS.ProcessEnv;
  /** Nudity batch size and how long the first item of a batch waits for more (measured defaults: pipeline/README.md, "Safety scores"). */
  batch?: { max: number; waitMs: number };
  intraOpThreads?: number;
}

// 2: the face detector's input is sized to the image (no 640×640 canvas); one decode feeds both models.
// 3: the models' inputs are resized from the item page's preview pixels (≤ 1024 px), not from the original.
const STAGE_VERSION = '3';

export function safetyStage(opts: SafetyStageOptions = {}): Stage {
  const env = opts.env ?? process.env;
  const off = safetyOff(env);
  const pixelText = off || ocrOff(env) ? undefined : new PixelText();
  let scorer: ImageScorer | undefined;
  let modelIds: Record<string, string> = {};
  const hist = { nsfw: new ScoreHistogram(), faceScore: new ScoreHistogram() };
  const counts = { scored: 0, cached: 0, unscored: 0, withFaces: 0, nsfwAtLeastHalf: 0, textPii: 0 };

  /** Each item's preview pixels, decoded once for the text check and the models (weakly keyed: nothing outlives the item). */
  const decodes = new WeakMap<WorkItem, Promise<Preview>>();
  /** The item page's preview pixels (≤ 1024 px), decoded on first use and handed on to derivatives, which encode them
   *  instead of decoding the original again. */
  function largePixels(item: WorkItem, data: Buffer): () => Promise<Preview> {
    return () => {
      let pixels = decodes.get(item);
      if (!pixels) {
        pixels = decodeLargePreview(data).then((px) => {
          const h = handoff.get(item);
          if (h) h.large = px;
          return px;
        });
        decodes.set(item, pixels);
      }
      return pixels;
    };
  }

  async function scoresFor(item: WorkItem, ctx: StageContext): Promise<ImageScores | undefined> {
    const image = item.image;
    if (!scorer) return undefined;
    if (!image?.data) {
      ctx.log(`safety: ${item.id}: no image bytes reached the safety stage; scores are null (models.safety = "unscored")`);
      return undefined;
    }
    const key = `${image.sha256}\0${Object.values(modelIds).join('\0')}`;
    const cached = await ctx.cache.get<ImageScores>('safety', STAGE_VERSION, key);
    if (cached) {
      counts.cached++;
      return cached;
    }
    const scores = await scorer.score(image.data, largePixels(item, image.data));
    await ctx.cache.put('safety', STAGE_VERSION, key, scores);
    counts.scored++;
    return scores;
  }

  return {
    name: 'safety',
    version: STAGE_VERSION,
    runsOn: 'accepted',

    async setup(ctx) {
      if (off) {
        ctx.log('safety: CLEARANCE_SAFETY=off: nudity and face scores are null in this build (records say models.safety = "off")');
        return;
      }
      const max = nsfwBatch(env, opts.batch?.max ?? 4);
      const decodes = safetyDecodes(env);
      try {
        const models = await loadSafetyModels({ env, log: ctx.log, ...(opts.intraOpThreads ? { intraOpThreads: opts.intraOpThreads } : {}) });
        modelIds = { 'safety.nsfw': models.nsfw.id, 'safety.faces': models.faces.id };
        scorer = await ImageScorer.start(models, { max, waitMs: opts.batch?.waitMs ?? 2 }, decodes);
      } catch (err) {
        throw err instanceof CliError ? err : new CliError(`safety: ${(err as Error).message}`);
      }
    },

    async process(item, ctx) {
      const texts = [item.item.title, item.item.description, ...item.item.tags];
      const inMetadata = hasTextPii(texts);
      item.models['safety.textPii'] = `clearance-text-pii@${TEXT_PII_VERSION}`;
      let read: Safety['pixelText'] = 'off';
      let inPixels = false;
      if (pixelText && !inMetadata && item.image?.data) {
        try {
          const r = await pixelText.check(item.image.data, item.image.sha256, ctx.cache, largePixels(item, item.image.data));
          read = r.pixelText;
          inPixels = r.pii.length > 0;
          item.models['safety.ocr'] = pixelText.id;
        } catch (err) {
          ctx.log(`safety: ${item.id}: could not read text in the image (${(err as Error).message})`);
        }
      }
      const textPii = inMetadata || inPixels;
      let scores: ImageScores | undefined;
      if (off) item.models.safety = 'off';
      else {
        try {
          scores = await scoresFor(item, ctx);
        } catch (err) {
          ctx.log(`safety: ${item.id}: could not score the image (${(err as Error).message})`);
        }
        if (scores) Object.assign(item.models, modelIds);
        else item.models.safety = 'unscored';
      }
      const safety: Safety = { nsfw: scores?.nsfw ?? null, faces: scores?.faces ?? null, faceScore: scores?.faceScore ?? null, textPii, pixelText: read };
      if (textPii) safety.textPiiSource = inMetadata ? 'metadata' : 'pixels';
      item.safety = safety;
      if (!scores) counts.unscored++;
      if ((scores?.faces ?? 0) > 0) counts.withFaces++;
      if ((scores?.nsfw ?? 0) >= 0.5) counts.nsfwAtLeastHalf++;
      if (textPii) counts.textPii++;
      hist.nsfw.add(safety.nsfw);
      hist.faceScore.add(safety.faceScore);
    },

    async teardown() {
      await scorer?.release();
      await pixelText?.release();
    },

    stats() {
      const t = scorer?.timings;
      const perImage = (ms: number | undefined, n: number | undefined) => (ms !== undefined && n ? Math.round((ms / n) * 1000) / 1000 : null);
      return {
        mode: off ? 'off' : 'on',
        models: modelIds,
        histograms: { nsfw: hist.nsfw.toJSON(), faceScore: hist.faceScore.toJSON() },
        counts,
        pixelText: pixelText ? { id: pixelText.id, ...pixelText.counts, presenceMs: Math.round(pixelText.counts.presenceMs), ocrMs: Math.round(pixelText.counts.ocrMs) } : 'off',
        timings: t
          ? { images: t.images, nsfwBatches: t.nsfwBatches, msPerImage: { decode: perImage(t.decodeMs, t.images), nsfw: perImage(t.nsfwMs, t.images), faces: perImage(t.facesMs, t.images) } }
          : null,
      };
    },
  };
}
