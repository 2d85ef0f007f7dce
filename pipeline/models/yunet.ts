// YuNet (libfacedetection, 640×640) face detector: letterboxed BGR 0..255 input, per-stride decoding, NMS.
import type { InferenceSession } from 'onnxruntime-node';
import { ort, timedRun, type RunTimer } from './session.js';
import { YUNET } from './registry.js';
import { nms, type Box } from './nms.js';
import { rgbLetterboxed } from './preprocess.js';

export const YUNET_SIZE = 640;
/** A candidate counts as a face from this score on (chosen on the COCO/pomological evaluation: pipeline/README.md, "Safety scores"). */
export const YUNET_THRESHOLD = 0.6;
const YUNET_NMS_IOU = 0.3;
/** Images are never upscaled: small images (watercolour scans) gave false faces when blown up. */
export const YUNET_MAX_SCALE = 1;
const STRIDES = [8, 16, 32];

export interface FaceResult {
  /** Faces kept after threshold + NMS, in original-image pixels. */
  boxes: Box[];
  /** Highest face score of any anchor (0 when the model gives none). */
  maxScore: number;
}

function yunetInput(rgb: Uint8Array): Float32Array {
  const n = YUNET_SIZE * YUNET_SIZE;
  const input = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    input[i] = rgb[i * 3 + 2]!;
    input[n + i] = rgb[i * 3 + 1]!;
    input[2 * n + i] = rgb[i * 3]!;
  }
  return input;
}

/** Decodes the 12 outputs: score = sqrt(cls·obj); box centre = (cell + offset)·stride, size = exp(·)·stride. */
function decodeYunet(out: Record<string, { data: unknown }>, scale: number, threshold: number): FaceResult {
  const candidates: Box[] = [];
  let maxScore = 0;
  for (const s of STRIDES) {
    const cls = out[`cls_${s}`]!.data as Float32Array;
    const obj = out[`obj_${s}`]!.data as Float32Array;
    const bbox = out[`bbox_${s}`]!.data as Float32Array;
    const cols = YUNET_SIZE / s;
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

/** Runs YuNet on a letterboxed 640×640 RGB image (`scale` = model pixels per original pixel). */
export async function runYunet(session: InferenceSession, rgb640: Uint8Array, scale: number, threshold = YUNET_THRESHOLD, timer?: RunTimer): Promise<FaceResult> {
  const out = await timedRun(session, { [YUNET.input.name]: new ort.Tensor('float32', yunetInput(rgb640), YUNET.input.shape) }, timer);
  return decodeYunet(out, scale, threshold);
}

export async function detectFacesYunet(session: InferenceSession, data: Buffer, threshold = YUNET_THRESHOLD): Promise<FaceResult> {
  const { rgb, scale } = await rgbLetterboxed(data, YUNET_SIZE, YUNET_SIZE, YUNET_MAX_SCALE);
  return runYunet(session, rgb, scale, threshold);
}
