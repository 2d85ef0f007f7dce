// Scores image bytes with the nudity and face models: one decode for both model inputs, inference on its own thread, nudity batched across items.
import { readFile } from 'node:fs/promises';
import { Batcher } from '../models/batcher.js';
import { faceModel, nsfwPrecision } from '../util/config.js';
import { locateModel } from '../models/locate.js';
import { loadNsfwModelFile, NSFW_SIZE } from '../models/nsfw.js';
import { rgbFitted, rgbFittedFrom, rgbFrom, rgbResized, rgbResizedFrom, type Decoded, type Fitted } from '../models/preprocess.js';
import { ULTRAFACE, YUNET } from '../models/registry.js';
import { defaultIntraOpThreads } from '../models/session.js';
import { ULTRAFACE_HEIGHT, ULTRAFACE_WIDTH } from '../models/ultraface.js';
import { YUNET_MAX_SCALE, YUNET_SIZE } from '../models/yunet.js';
import { yunetAnySize } from '../models/yunet-any-size.js';
import { InferenceThread } from './inference-client.js';
import { nsfwScore, round6 } from './scores.js';

export interface ImageScores {
  nsfw: number;
  faces: number;
  faceScore: number;
}

export interface SafetyModels {
  nsfw: { bytes: Uint8Array; id: string };
  faces: { bytes: Uint8Array; id: string; kind: 'yunet' | 'ultraface' };
  intraOpThreads: number;
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  intraOpThreads?: number;
}

/** Locates (or converts/downloads) both models and reads them; throws a one-line error when one is missing. */
export async function loadSafetyModels(opts: LoadOptions = {}): Promise<SafetyModels> {
  const env = opts.env ?? process.env;
  // YuNet by default (UltraFace missed the recall/false-face targets: pipeline/README.md, "Safety scores"); CLEARANCE_FACE_MODEL=ultraface switches.
  const kind = faceModel(env);
  const faceSpec = kind === 'ultraface' ? ULTRAFACE : YUNET;
  const facePath = await locateModel(faceSpec, { env });
  const nsfwFile = await loadNsfwModelFile(env, opts.log, nsfwPrecision(env));
  const faceBytes = new Uint8Array(await readFile(facePath));
  return {
    nsfw: { bytes: nsfwFile.bytes, id: nsfwFile.id },
    faces: { bytes: kind === 'yunet' ? yunetAnySize(faceBytes) : faceBytes, id: `${faceSpec.name}@${faceSpec.sha256.slice(0, 12)}`, kind },
    intraOpThreads: opts.intraOpThreads ?? defaultIntraOpThreads(env),
  };
}

/** The models' inputs from decoded pixels, as the stage makes them: fitted to the face detector (≤ 640 px, never
 *  upscaled; `scale` is detector pixels per decoded pixel) and the 224×224 nudity input resized from that, bilinear
 *  as nsfwjs resizes. */
export async function yunetInputsFrom(px: Decoded): Promise<{ rgb224: Buffer; face: Fitted }> {
  const face = await rgbFittedFrom(px, YUNET_SIZE, YUNET_MAX_SCALE);
  return { rgb224: await rgbResizedFrom(face, NSFW_SIZE, NSFW_SIZE, 'linear'), face };
}

export interface Timings {
  images: number;
  decodeMs: number;
  nsfwMs: number;
  facesMs: number;
  nsfwBatches: number;
}

export class ImageScorer {
  private readonly counts = { images: 0, decodeMs: 0, nsfwBatches: 0, nsfwMs: 0, facesMs: 0 };
  private readonly nsfwBatcher: Batcher<Uint8Array, Float32Array>;
  /** Decodes in flight (sharp's threads) while the inference thread works on earlier images. */
  private decoding = 0;
  private readonly decodeWaiters: Array<() => void> = [];

  private constructor(
    private readonly thread: InferenceThread,
    private readonly kind: 'yunet' | 'ultraface',
    batch: { max: number; waitMs: number },
    private readonly maxDecodes: number,
  ) {
    this.nsfwBatcher = new Batcher(
      async (rgbs) => {
        const r = await thread.nsfw(rgbs);
        this.counts.nsfwBatches++;
        this.counts.nsfwMs += r.ms;
        return r.probs;
      },
      batch.max,
      batch.waitMs,
    );
  }

  /** Starts the inference thread with both models; throws when a session cannot open. */
  static async start(models: SafetyModels, batch: { max: number; waitMs: number } = { max: 4, waitMs: 2 }, maxDecodes = 1): Promise<ImageScorer> {
    const thread = await InferenceThread.start({ nsfw: models.nsfw.bytes, faces: models.faces.bytes, kind: models.faces.kind, intraOpThreads: models.intraOpThreads });
    return new ImageScorer(thread, models.faces.kind, batch, maxDecodes);
  }

  /** Nudity class probabilities (Drawing, Hentai, Neutral, Porn, Sexy) for a 224×224 RGB image. */
  nsfwProbs(rgb224: Uint8Array): Promise<Float32Array> {
    return this.nsfwBatcher.submit(rgb224);
  }

  /** Time inside session.run (on the inference thread) and decoding, summed over images. */
  get timings(): Timings {
    return { images: this.counts.images, decodeMs: this.counts.decodeMs, nsfwMs: this.counts.nsfwMs, facesMs: this.counts.facesMs, nsfwBatches: this.counts.nsfwBatches };
  }

  release(): Promise<void> {
    return this.thread.close();
  }

  /** One decode, scaled to fit the face detector (≤ 640 px, never upscaled); the 224×224 nudity input is resized from it.
   *  With `decoded`, the caller's decode (e.g. the item page's preview, which it keeps) replaces sharp's of `data`. */
  private async decode(data: Buffer, decoded?: () => Promise<Decoded>) {
    while (this.decoding >= this.maxDecodes) await new Promise<void>((r) => this.decodeWaiters.push(r));
    this.decoding++;
    const t0 = performance.now();
    try {
      const px = decoded ? await decoded() : undefined;
      if (this.kind === 'ultraface') {
        const sized = (w: number, h: number) => (px ? rgbFrom(px, w, h) : rgbResized(data, w, h));
        const [rgb224, rgb] = await Promise.all([sized(NSFW_SIZE, NSFW_SIZE), sized(ULTRAFACE_WIDTH, ULTRAFACE_HEIGHT)]);
        return { rgb224, face: { rgb, width: ULTRAFACE_WIDTH, height: ULTRAFACE_HEIGHT, scale: 1 } };
      }
      if (px) return yunetInputsFrom(px);
      const face = await rgbFitted(data, YUNET_SIZE, YUNET_MAX_SCALE);
      return { rgb224: await rgbResizedFrom(face, NSFW_SIZE, NSFW_SIZE), face };
    } finally {
      this.counts.decodeMs += performance.now() - t0;
      this.decoding--;
      this.decodeWaiters.shift()?.();
    }
  }

  /** Scores an image; `decoded` (run under the decode limit) supplies its pixels at ≥ 640 px a side or full size. */
  async score(data: Buffer, decoded?: () => Promise<Decoded>): Promise<ImageScores> {
    const { rgb224, face } = await this.decode(data, decoded);
    const [probs, faces] = await Promise.all([this.nsfwProbs(rgb224), this.thread.faces(face)]);
    this.counts.facesMs += faces.ms;
    this.counts.images++;
    return { nsfw: round6(nsfwScore(probs)), faces: faces.faces, faceScore: round6(faces.maxScore) };
  }
}
