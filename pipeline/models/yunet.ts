// YuNet (libfacedetection) face detector: BGR 0..255 input sized to the image (multiples of 32, long side ≤ 640), per-stride decoding, NMS.
import type { InferenceSession } from 'onnxruntime-node';
import { ort, timedRun, type RunTimer } from './session.js';
import { YUNET } from './registry.js';
import { nms, type Box } from './nms.js';
import { YUNET_PIXELS } from './yunet-any-size.js';

/** Longest side the detector sees (the registry file's 640×640 canvas); larger images are scaled down to it. */
export const YUNET_SIZE = 640;
/** A candidate counts as a face from this score on (chosen on the COCO/pomological evaluation: pipeline/README.md, "Safety scores"). */
export const YUNET_THRESHOLD = 0.6;
const YUNET_NMS_IOU = 0.3;
/** Images are never upscaled: small images (watercolour scans) gave false faces when blown up. */
export const YUNET_MAX_SCALE = 1;
const STRIDES = [8, 16, 32];
/** The input's sides are padded (black, right and bottom) up to a multiple of the largest stride. */
export const YUNET_STEP = 32;

export interface FaceResult {
  /** Faces kept after threshold + NMS, in original-image pixels. */
  boxes: Box[];
  /** Highest face score of any anchor (0 when the model gives none). */
  maxScore: number;
}

/** An image scaled for the detector: `width`×`height` RGB pixels, `scale` model pixels per original pixel. */
export interface FaceInput {
  rgb: Uint8Array;
  width: number;
  height: number;
  scale: number;
}

/** The detector's canvas for a w×h image: each side rounded up to a multiple of 32. */
export function yunetCanvas(width: number, height: number): { width: number; height: number } {
  const up = (n: number) => Math.max(YUNET_STEP, Math.ceil(n / YUNET_STEP) * YUNET_STEP);
  return { width: up(width), height: up(height) };
}

/** BGR planes of the canvas, the image at the top left and black padding (for the registry file's float input). */
function yunetFloatInput(img: FaceInput, cw: number, ch: number): Float32Array {
  const n = cw * ch;
  const input = new Float32Array(3 * n);
  const { rgb, width, height } = img;
  for (let y = 0; y < height; y++) {
    let i = y * width * 3;
    let o = y * cw;
    for (let x = 0; x < width; x++, i += 3, o++) {
      input[o] = rgb[i + 2]!;
      input[n + o] = rgb[i + 1]!;
      input[2 * n + o] = rgb[i]!;
    }
  }
  return input;
}

/** The RGB pixels on the canvas (top left, black padding) for yunetAnySize's uint8 input: row copies only. */
function yunetPixelInput(img: FaceInput, cw: number, ch: number): Uint8Array {
  const { rgb, width, height } = img;
  if (width === cw && height === ch) return rgb;
  const out = new Uint8Array(cw * ch * 3);
  for (let y = 0; y < height; y++) out.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * cw * 3);
  return out;
}

/** Decodes the outputs: score = sqrt(cls·obj); box centre = (cell + offset)·stride, size = exp(·)·stride. */
function decodeYunet(out: Record<string, { data: unknown }>, cw: number, scale: number, threshold: number): FaceResult {
  const candidates: Box[] = [];
  let maxScore = 0;
  for (const s of STRIDES) {
    const cls = out[`cls_${s}`]!.data as Float32Array;
    const obj = out[`obj_${s}`]!.data as Float32Array;
    const bbox = out[`bbox_${s}`]!.data as Float32Array;
    const cols = cw / s;
    for (let i = 0; i < cls.length; i++) {
      const score = Math.sqrt(Math.min(1, Math.max(0, cls[i]!)) * Math.min(1, Math.max(0, obj[i]!)));
      if (score > maxScore) maxScore = score;
      if (score < threshold) continue;
      const cx = ((i % cols) + bbox[i * 4]!) * s;
      const cy = (Math.floor(i / cols) + bbox[i * 4 + 1]!) * s;
      const w = Math.exp(bbox[i * 4 + 2]!) * s;
      const h = Math.exp(bbox[i * 4 + 3]!) * s;
      candidates.push({ x1: (cx - w / 2) / scale, y1: (cy - h / 2) / scale, x2: (cx + w / 2) / scale, y2: (cy + h / 2) / scale, score });
    }
  }
  return { boxes: nms(candidates, YUNET_NMS_IOU), maxScore };
}

/** Runs YuNet (a session of `yunetAnySize`'s model) on an image already scaled to at most 640 px a side. */
export async function runYunet(session: InferenceSession, img: FaceInput, threshold = YUNET_THRESHOLD, timer?: RunTimer): Promise<FaceResult> {
  const c = yunetCanvas(img.width, img.height);
  // yunetAnySize's model takes uint8 RGB pixels (converted inside the graph); the registry file takes BGR floats.
  const feeds = session.inputNames.includes(YUNET_PIXELS)
    ? { [YUNET_PIXELS]: new ort.Tensor('uint8', yunetPixelInput(img, c.width, c.height), [1, c.height, c.width, 3]) }
    : { [YUNET.input.name]: new ort.Tensor('float32', yunetFloatInput(img, c.width, c.height), [1, 3, c.height, c.width]) };
  const out = await timedRun(session, feeds, timer);
  return decodeYunet(out, c.width, img.scale, threshold);
}
