// Scores image bytes with the nudity and face models: one decode per model input, nudity batched across items.
import type { InferenceSession } from 'onnxruntime-node';
import { Batcher } from '../models/batcher.js';
import { faceModel } from '../util/config.js';
import { locateModel } from '../models/locate.js';
import { loadNsfwModelFile, NSFW_SIZE, nsfwInput, runNsfw } from '../models/nsfw.js';
import { rgbLetterboxed, rgbResized } from '../models/preprocess.js';
import { ULTRAFACE, YUNET } from '../models/registry.js';
import { openSession } from '../models/session.js';
import { runUltraface, ULTRAFACE_HEIGHT, ULTRAFACE_WIDTH } from '../models/ultraface.js';
import { runYunet, YUNET_MAX_SCALE, YUNET_SIZE } from '../models/yunet.js';
import { nsfwScore, round6 } from './scores.js';

export interface ImageScores {
  nsfw: number;
  faces: number;
  faceScore: number;
}

export interface SafetyModels {
  nsfw: { session: InferenceSession; id: string };
  faces: { session: InferenceSession; id: string; kind: 'yunet' | 'ultraface' };
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  intraOpThreads?: number;
}

/** Locates (or converts/downloads) both models and opens their sessions; throws a one-line error when one is missing. */
export async function loadSafetyModels(opts: LoadOptions = {}): Promise<SafetyModels> {
  const env = opts.env ?? process.env;
  // YuNet by default (UltraFace missed the recall/false-face targets: pipeline/README.md, "Safety scores"); CLEARANCE_FACE_MODEL=ultraface switches.
  const kind = faceModel(env);
  const faceSpec = kind === 'ultraface' ? ULTRAFACE : YUNET;
  const facePath = await locateModel(faceSpec, { env });
  const nsfwFile = await loadNsfwModelFile(env, opts.log);
  const threads = opts.intraOpThreads === undefined ? {} : { intraOpThreads: opts.intraOpThreads };
  return {
    nsfw: { session: await openSession(nsfwFile.bytes, threads), id: nsfwFile.id },
    faces: { session: await openSession(facePath, threads), id: `${faceSpec.name}@${faceSpec.sha256.slice(0, 12)}`, kind },
  };
}

export interface Timings {
  images: number;
  decodeMs: number;
  nsfwMs: number;
  facesMs: number;
  nsfwBatches: number;
}

export class ImageScorer {
  private readonly counts = { images: 0, decodeMs: 0, nsfwBatches: 0 };
  private readonly nsfwTimer = { ms: 0 };
  private readonly facesTimer = { ms: 0 };
  private readonly nsfwBatcher: Batcher<Uint8Array, Float32Array>;
  /** Decodes in flight: inference runs on the JS thread, so more parallel decodes only steal its core (measured). */
  private decoding = 0;
  private readonly decodeWaiters: Array<() => void> = [];

  constructor(
    private readonly models: SafetyModels,
    batch: { max: number; waitMs: number } = { max: 4, waitMs: 2 },
    private readonly maxDecodes = 1,
  ) {
    this.nsfwBatcher = new Batcher(
      async (rgbs) => {
        const probs = await runNsfw(models.nsfw.session, nsfwInput(rgbs), rgbs.length, this.nsfwTimer);
        this.counts.nsfwBatches++;
        return probs;
      },
      batch.max,
      batch.waitMs,
    );
  }

  /** Nudity class probabilities (Drawing, Hentai, Neutral, Porn, Sexy) for a 224×224 RGB image. */
  nsfwProbs(rgb224: Uint8Array): Promise<Float32Array> {
    return this.nsfwBatcher.submit(rgb224);
  }

  /** Time inside session.run (see timedRun) and decoding, summed over images. */
  get timings(): Timings {
    return { ...this.counts, nsfwMs: this.nsfwTimer.ms, facesMs: this.facesTimer.ms };
  }

  async release(): Promise<void> {
    await Promise.all([this.models.nsfw.session.release(), this.models.faces.session.release()]);
  }

  private async decode(data: Buffer) {
    while (this.decoding >= this.maxDecodes) await new Promise<void>((r) => this.decodeWaiters.push(r));
    this.decoding++;
    const t0 = performance.now();
    try {
      const yunet = this.models.faces.kind === 'yunet';
      return await Promise.all([
        rgbResized(data, NSFW_SIZE, NSFW_SIZE),
        yunet ? rgbLetterboxed(data, YUNET_SIZE, YUNET_SIZE, YUNET_MAX_SCALE) : rgbResized(data, ULTRAFACE_WIDTH, ULTRAFACE_HEIGHT).then((rgb) => ({ rgb, scale: 1 })),
      ]);
    } finally {
      this.counts.decodeMs += performance.now() - t0;
      this.decoding--;
      this.decodeWaiters.shift()?.();
    }
  }

  async score(data: Buffer): Promise<ImageScores> {
    const yunet = this.models.faces.kind === 'yunet';
    const [rgb224, faceInput] = await this.decode(data);
    const probs = this.nsfwProbs(rgb224);
    const session = this.models.faces.session;
    const faces = yunet
      ? await runYunet(session, faceInput.rgb, faceInput.scale, undefined, this.facesTimer)
      : await runUltraface(session, faceInput.rgb, undefined, this.facesTimer);
    const nsfw = nsfwScore(await probs);
    this.counts.images++;
    return { nsfw: round6(nsfw), faces: faces.boxes.length, faceScore: round6(faces.maxScore) };
  }
}
