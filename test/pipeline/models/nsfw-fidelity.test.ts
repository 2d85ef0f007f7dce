// The converted nsfwjs model on onnxruntime matches nsfwjs on @tensorflow/tfjs within 1e-4 per class. tfjs runs on its
// WASM backend (XNNPACK, independent of onnxruntime; within 2e-7 of its pure-JS CPU backend here, and 20x faster).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { load as loadNsfwjs, type NSFWJS } from 'nsfwjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNsfwModelFile, NSFW_SIZE, nsfwInput, runNsfw } from '../../../pipeline/models/nsfw.js';
import { rgbResized } from '../../../pipeline/models/preprocess.js';
import { openSession } from '../../../pipeline/models/session.js';
import { NSFW } from '../../../pipeline/models/registry.js';
import { corpusDir, hasCorpus, skipMessage } from '../../support/shared.js';

let nsfwjs: NSFWJS;
let onnx: Awaited<ReturnType<typeof openSession>>;
let modelId = '';
const cacheDir = mkdtempSync(join(tmpdir(), 'clearance-nsfw-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

beforeAll(async () => {
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs WASM backend did not start');
  nsfwjs = await loadNsfwjs('MobileNetV2');
  const file = await loadNsfwModelFile({ ...process.env, CLEARANCE_MODEL_CACHE: cacheDir }, undefined, 'float');
  modelId = file.id;
  onnx = await openSession(file.bytes);
});

/** Both models get the same pixels: sharp's 224×224 resize, NHWC (ours as uint8, divided by 255 in the graph; tfjs's /255 here). */
async function compare(images: Buffer[]): Promise<number> {
  let worst = 0;
  for (let i = 0; i < images.length; i += 8) {
    const rgbs = await Promise.all(images.slice(i, i + 8).map((d) => rgbResized(d, NSFW_SIZE, NSFW_SIZE)));
    const input = nsfwInput(rgbs);
    const ours = await runNsfw(onnx, input, rgbs.length);
    const theirs = tf.tidy(() => nsfwjs.model.predict(tf.tensor4d(Float32Array.from(input, (x) => x / 255), [rgbs.length, NSFW_SIZE, NSFW_SIZE, 3])) as tf.Tensor);
    const ref = (await theirs.data()) as Float32Array;
    theirs.dispose();
    ours.forEach((p, n) => {
      expect(p.length).toBe(NSFW.labels.length);
      p.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - ref[n * NSFW.labels.length + k]!))));
    });
  }
  return worst;
}

describe('nsfwjs → ONNX conversion', () => {
  it('names the model by package version and source hash', () => {
    expect(modelId).toMatch(/^nsfwjs-mobilenet_v2@4\.4\.0\+[0-9a-f]{12}$/);
  });

  it('matches tfjs within 1e-4 on generated images', async () => {
    const images = await Promise.all(
      [[255, 0, 0], [20, 180, 60], [240, 200, 170], [0, 0, 0]].map(([r, g, b], i) =>
        sharp({ create: { width: 97 + i * 40, height: 150, channels: 3, background: { r: r!, g: g!, b: b! } } })
          .composite([{ input: Buffer.from(`<svg width="60" height="60"><circle cx="30" cy="30" r="${10 + i * 5}" fill="#${(i * 4321).toString(16).padStart(6, '9')}"/></svg>`), top: 20, left: 10 }])
          .png()
          .toBuffer(),
      ),
    );
    expect(await compare(images)).toBeLessThan(1e-4);
  }, 300_000);

  it.skipIf(!hasCorpus)(`matches tfjs within 1e-4 on 24 real images ${hasCorpus ? '' : skipMessage('corpus')}`, async () => {
    const pomo = join(corpusDir, 'pomological/images');
    const coco = join(corpusDir, 'coco-mini/val2017');
    const files = [
      ...readdirSync(pomo).sort().slice(0, 12).map((f) => join(pomo, f)),
      ...readdirSync(coco).sort().slice(0, 12).map((f) => join(coco, f)),
    ];
    const worst = await compare(files.map((f) => readFileSync(f)));
    console.log(`nsfwjs fidelity: max |p_onnx - p_tfjs| = ${worst.toExponential(2)} over ${files.length} images x 5 classes`);
    expect(worst).toBeLessThan(1e-4);
  }, 900_000);
});
