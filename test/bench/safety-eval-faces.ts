// Face evaluation helpers: COCO keypoint ground truth, detectors returning pixel boxes, greedy point-in-box matching.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Box } from '../../pipeline/models/nms.js';
import { openSession } from '../../pipeline/models/session.js';
import { runUltraface, ULTRAFACE_HEIGHT, ULTRAFACE_WIDTH } from '../../pipeline/models/ultraface.js';
import { rgbLetterboxed, rgbResized } from '../../pipeline/models/preprocess.js';
import { decodeLargePreview } from '../../pipeline/image/large-preview.js';
import { yunetInputsFrom } from '../../pipeline/safety/scorer.js';
import { runYunet, YUNET_MAX_SCALE, YUNET_SIZE } from '../../pipeline/models/yunet.js';
import { yunetAnySize } from '../../pipeline/models/yunet-any-size.js';

export interface GtFace {
  file: string;
  nose: [number, number];
  eyes: [[number, number], [number, number]];
}

export function cocoFaces(cocoDir: string, minEyeDistance = 12): GtFace[] {
  const faces: GtFace[] = [];
  for (const split of ['train2017', 'val2017']) {
    const present = new Set(readdirSync(join(cocoDir, split)));
    const ann = JSON.parse(readFileSync(join(cocoDir, 'annotations', `person_keypoints_${split}.json`), 'utf8')) as {
      images: Array<{ id: number; file_name: string }>;
      annotations: Array<{ image_id: number; keypoints?: number[] }>;
    };
    const files = new Map(ann.images.map((i) => [i.id, i.file_name]));
    for (const a of ann.annotations) {
      const k = a.keypoints ?? [];
      const file = files.get(a.image_id);
      if (!file || !present.has(file) || k.length < 9 || !(k[2]! > 0 && k[5]! > 0 && k[8]! > 0)) continue;
      if (Math.hypot(k[3]! - k[6]!, k[4]! - k[7]!) < minEyeDistance) continue;
      faces.push({ file: join(cocoDir, split, file), nose: [k[0]!, k[1]!], eyes: [[k[3]!, k[4]!], [k[6]!, k[7]!]] });
    }
  }
  return faces;
}

/** Image bytes → face boxes in original pixels with scores (low threshold: callers filter). */
export type Detector = (data: Buffer) => Promise<Box[]>;

export async function detectorFor(name: string, modelsDir: string, floor = 0.3): Promise<Detector> {
  if (name === 'yunet') {
    // The stage's: input sized to the image (multiples of 32, long side ≤ 640).
    const s = await openSession(yunetAnySize(readFileSync(join(modelsDir, 'yunet_s_640_640.onnx'))));
    // As the stage: from the item page's preview pixels (≤ 1024 px), boxes scaled back to the original's pixels.
    return async (data) => {
      const px = await decodeLargePreview(data);
      const { face } = await yunetInputsFrom(px);
      const meta = await sharp(data).metadata();
      const perOriginal = px.width / (meta.autoOrient?.width ?? meta.width!);
      return (await runYunet(s, { ...face, scale: face.scale * perOriginal }, floor)).boxes;
    };
  }
  if (name === 'yunet-640') {
    // Before: letterboxed into the file's fixed 640×640 canvas.
    const s = await openSession(join(modelsDir, 'yunet_s_640_640.onnx'));
    return async (data) => {
      const { rgb, scale } = await rgbLetterboxed(data, YUNET_SIZE, YUNET_SIZE, YUNET_MAX_SCALE);
      return (await runYunet(s, { rgb, width: YUNET_SIZE, height: YUNET_SIZE, scale }, floor)).boxes;
    };
  }
  const s = await openSession(join(modelsDir, 'version-RFB-320.onnx'));
  if (name === 'ultraface-letterbox') {
    return async (data) => {
      const { rgb, scale } = await rgbLetterboxed(data, ULTRAFACE_WIDTH, ULTRAFACE_HEIGHT, 1);
      const r = await runUltraface(s, rgb, floor);
      const k = (v: number, size: number) => (v * size) / scale;
      return r.boxes.map((b) => ({ x1: k(b.x1, ULTRAFACE_WIDTH), y1: k(b.y1, ULTRAFACE_HEIGHT), x2: k(b.x2, ULTRAFACE_WIDTH), y2: k(b.y2, ULTRAFACE_HEIGHT), score: b.score }));
    };
  }
  return async (data) => {
    const meta = await sharp(data).rotate().metadata();
    const w = meta.autoOrient?.width ?? meta.width!;
    const h = meta.autoOrient?.height ?? meta.height!;
    const r = await runUltraface(s, await rgbResized(data, ULTRAFACE_WIDTH, ULTRAFACE_HEIGHT), floor);
    return r.boxes.map((b) => ({ x1: b.x1 * w, y1: b.y1 * h, x2: b.x2 * w, y2: b.y2 * h, score: b.score }));
  };
}

const inside = (b: Box, [x, y]: [number, number], pad: number) => {
  const pw = (b.x2 - b.x1) * pad;
  const ph = (b.y2 - b.y1) * pad;
  return x >= b.x1 - pw && x <= b.x2 + pw && y >= b.y1 - ph && y <= b.y2 + ph;
};

/** Ground-truth faces matched one-to-one by a box (score >= threshold) holding the nose and both eyes. */
export function matchFaces(gt: GtFace[], detections: Map<string, Box[]>, threshold: number, pad = 0.1): number {
  const used = new Set<Box>();
  let found = 0;
  for (const face of gt) {
    const boxes = (detections.get(face.file) ?? []).filter((b) => b.score >= threshold && !used.has(b)).sort((a, b) => b.score - a.score);
    const hit = boxes.find((b) => inside(b, face.nose, pad) && inside(b, face.eyes[0], pad) && inside(b, face.eyes[1], pad));
    if (hit) {
      used.add(hit);
      found++;
    }
  }
  return found;
}
