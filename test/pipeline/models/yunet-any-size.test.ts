// The any-size YuNet: identical outputs to the registry file at 640×640, and faces found at the image's own size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSession, ort } from '../../../pipeline/models/session.js';
import { rgbFitted, rgbLetterboxed } from '../../../pipeline/models/preprocess.js';
import { runYunet, yunetCanvas, YUNET_SIZE } from '../../../pipeline/models/yunet.js';
import { yunetAnySize, YUNET_PIXELS } from '../../../pipeline/models/yunet-any-size.js';
import { corpusDir, hasCorpus, hasModels, modelsDir, skipMessage } from '../../support/shared.js';

const withData = hasCorpus && hasModels;

describe.skipIf(!withData)(`yunetAnySize ${withData ? '' : skipMessage(hasModels ? 'corpus' : 'models')}`, () => {
  const file = () => readFileSync(join(modelsDir, 'yunet_s_640_640.onnx'));
  const face = () => readFileSync(join(corpusDir, 'coco-mini/train2017/000000551757.jpg'));

  it('gives the original file’s outputs exactly at 640×640, from its float input or from uint8 RGB pixels', async () => {
    const [orig, floats, pixels] = await Promise.all([openSession(file()), openSession(yunetAnySize(file(), { pixels: false })), openSession(yunetAnySize(file()))]);
    const rgb = new Uint8Array(3 * 640 * 640).map((_, i) => (i * 7919) % 256);
    // The file's input: BGR planes of the same pixels.
    const n = 640 * 640;
    const bgr = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) [bgr[i], bgr[n + i], bgr[2 * n + i]] = [rgb[i * 3 + 2]!, rgb[i * 3 + 1]!, rgb[i * 3]!];
    const feeds = () => ({ input: new ort.Tensor('float32', bgr, [1, 3, 640, 640]) });
    const [a, b, c] = [await orig.run(feeds()), await floats.run(feeds()), await pixels.run({ [YUNET_PIXELS]: new ort.Tensor('uint8', rgb, [1, 640, 640, 3]) })];
    expect(pixels.inputNames).toEqual([YUNET_PIXELS]);
    for (const s of [floats, pixels]) expect(s.outputNames).toEqual(orig.outputNames);
    for (const name of orig.outputNames) {
      for (const out of [b, c]) {
        expect(out[name]!.dims).toEqual(a[name]!.dims);
        expect(Array.from(out[name]!.data as Float32Array)).toEqual(Array.from(a[name]!.data as Float32Array));
      }
    }
  });

  it('runs at the image’s own size (multiples of 32) and finds the same face as the 640×640 canvas', async () => {
    const any = await openSession(yunetAnySize(file()));
    const orig = await openSession(file());
    const fitted = await rgbFitted(face(), YUNET_SIZE, 1);
    const boxed = await rgbLetterboxed(face(), YUNET_SIZE, YUNET_SIZE, 1);
    const sized = await runYunet(any, fitted);
    const canvas = await runYunet(orig, { ...boxed, width: YUNET_SIZE, height: YUNET_SIZE });
    expect(sized.boxes.length).toBeGreaterThanOrEqual(1);
    expect(sized.boxes.length).toBe(canvas.boxes.length);
    expect(sized.maxScore).toBeCloseTo(canvas.maxScore, 2);
    const small = await rgbFitted(readFileSync(join(corpusDir, 'pomological/images/image-10.jpg')), YUNET_SIZE, 1);
    expect(yunetCanvas(small.width, small.height)).toEqual({ width: Math.ceil(small.width / 32) * 32, height: Math.ceil(small.height / 32) * 32 });
    expect((await runYunet(any, small)).boxes).toEqual([]);
  });

  it('refuses a model whose reshapes bake in the 640×640 size', () => {
    expect(() => yunetAnySize(new Uint8Array([0x08, 0x06]))).toThrow(/input/);
  });
});
