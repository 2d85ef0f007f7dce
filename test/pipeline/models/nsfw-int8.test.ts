// The int8 nudity model: folding keeps the float outputs, quantisation keeps scores close to the float model's on held-out photos, and its id says int8.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNsfwModelFile, NSFW_SIZE, nsfwFloatGraph, nsfwInput, runNsfw } from '../../../pipeline/models/nsfw.js';
import { readNsfwjsSource } from '../../../pipeline/models/nsfwjs-source.js';
import { decodeModel, encodeModel } from '../../../pipeline/models/onnx-proto.js';
import { rgbResized } from '../../../pipeline/models/preprocess.js';
import { openSession } from '../../../pipeline/models/session.js';
import { nsfwScore } from '../../../pipeline/safety/scores.js';
import { corpusDir, hasCorpus, skipMessage } from '../../support/shared.js';

const cache = mkdtempSync(join(tmpdir(), 'clearance-int8-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));
const env = { ...process.env, CLEARANCE_MODEL_CACHE: cache };

describe.skipIf(!hasCorpus)(`int8 nudity model ${hasCorpus ? '' : skipMessage('corpus')}`, () => {
  // Held out: calibration used coco-mini/train2017 and every 60th watercolour.
  const dir = join(corpusDir, 'coco-mini/val2017');
  const photos = () => readdirSync(dir).sort().slice(0, 24).map((f) => readFileSync(join(dir, f)));

  it('folding BatchNorm and padding into the convolutions keeps the float outputs', async () => {
    const src = readNsfwjsSource();
    const [plain, folded] = await Promise.all([openSession(encodeModel(nsfwFloatGraph(src), { name: 't', version: '1' })), openSession(encodeModel(nsfwFloatGraph(src, true), { name: 't', version: '1' }))]);
    const rgbs = await Promise.all(photos().slice(0, 8).map((d) => rgbResized(d, NSFW_SIZE, NSFW_SIZE)));
    const a = await runNsfw(plain, nsfwInput(rgbs), rgbs.length);
    const b = await runNsfw(folded, nsfwInput(rgbs), rgbs.length);
    for (let i = 0; i < a.length; i++) for (let c = 0; c < 5; c++) expect(Math.abs(a[i]![c]! - b[i]![c]!)).toBeLessThan(1e-4);
  });

  it('scores held-out photos within 0.1 of the float model (mean under 0.02), with QLinearConv inside and +int8 in its id', async () => {
    const [float, int8] = [await loadNsfwModelFile(env, undefined, 'float'), await loadNsfwModelFile(env)];
    expect(int8.id).toMatch(/^nsfwjs-mobilenet_v2@4\.4\.0\+[0-9a-f]{12}\+int8\.\d+$/);
    expect(float.id).not.toContain('int8');
    expect(decodeModel(int8.bytes).graph.node.filter((n) => n.op_type === 'QLinearConv').length).toBeGreaterThan(30);
    const [fs, qs] = await Promise.all([openSession(float.bytes), openSession(int8.bytes)]);
    const rgbs = await Promise.all(photos().map((d) => rgbResized(d, NSFW_SIZE, NSFW_SIZE)));
    const a = (await runNsfw(fs, nsfwInput(rgbs), rgbs.length)).map(nsfwScore);
    const b = (await runNsfw(qs, nsfwInput(rgbs), rgbs.length)).map(nsfwScore);
    const d = a.map((x, i) => Math.abs(x - b[i]!));
    expect(Math.max(...d)).toBeLessThan(0.1);
    expect(d.reduce((x, y) => x + y, 0) / d.length).toBeLessThan(0.02);
  });
});
