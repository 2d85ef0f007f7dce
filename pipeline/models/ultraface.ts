// UltraFace RFB-320 face detector: preprocessing, inference and post-processing (threshold + NMS).
import type { InferenceSession } from 'onnxruntime-node';
import { ort, timedRun, type RunTimer } from './session.js';
import { ULTRAFACE } from './registry.js';
import { nms, type Box } from './nms.js';
import { packPixels } from './preprocess.js';

/** A candidate counts as a face from this P(face) on (the reference implementation's default). */
export const FACE_THRESHOLD = 0.7;
const FACE_NMS_IOU = 0.3;
export const ULTRAFACE_WIDTH = 320;
export const ULTRAFACE_HEIGHT = 240;

export interface FaceResult {
  /** Faces kept after threshold + NMS, boxes normalised to 0..1 of the image. */
  boxes: Box[];
  /** Highest P(face) over all anchors (0 when the model gives none). */
  maxScore: number;
}

function ultrafaceInput(rgb: Uint8Array): Float32Array {
  const out = new Float32Array(3 * ULTRAFACE_WIDTH * ULTRAFACE_HEIGHT);
  packPixels(rgb, out, 0, ULTRAFACE.normalise.mean, ULTRAFACE.normalise.std, true);
  return out;
}

/** Reads the two outputs into faces: P(face) ≥ threshold, then NMS. */
function decodeUltraface(scores: Float32Array, boxes: Float32Array, threshold = FACE_THRESHOLD): FaceResult {
  const candidates: Box[] = [];
  let maxScore = 0;
  const n = scores.length / 2;
  for (let i = 0; i < n; i++) {
    const s = scores[i * 2 + 1]!;
    if (s > maxScore) maxScore = s;
    if (s < threshold) continue;
    candidates.push({ x1: boxes[i * 4]!, y1: boxes[i * 4 + 1]!, x2: boxes[i * 4 + 2]!, y2: boxes[i * 4 + 3]!, score: s });
  }
  return { boxes: nms(candidates, FACE_NMS_IOU), maxScore };
}

export async function runUltraface(session: InferenceSession, rgb320x240: Uint8Array, threshold = FACE_THRESHOLD, timer?: RunTimer): Promise<FaceResult> {
  const input = new ort.Tensor('float32', ultrafaceInput(rgb320x240), ULTRAFACE.input.shape);
  const out = await timedRun(session, { [ULTRAFACE.input.name]: input }, timer);
  return decodeUltraface(out.scores!.data as Float32Array, out.boxes!.data as Float32Array, threshold);
}
