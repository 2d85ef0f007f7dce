// Evaluates the safety models on the shared corpus: face recall on COCO keypoints, false faces and nudity on benign sets.
// Usage: npx tsx test/bench/safety-eval.ts [--detector yunet (default, the stage's)|yunet-640|ultraface|ultraface-letterbox] [--step N] [--sweep]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, modelsDir, skipMessage } from '../support/shared.js';
import { openSession } from '../../pipeline/models/session.js';
import { loadNsfwModelFile, nsfwInput, runNsfw } from '../../pipeline/models/nsfw.js';
import { decodeLargePreview } from '../../pipeline/image/large-preview.js';
import { yunetInputsFrom } from '../../pipeline/safety/scorer.js';
import { nsfwScore } from '../../pipeline/safety/scores.js';
import { FACE_THRESHOLD } from '../../pipeline/models/ultraface.js';
import { YUNET_THRESHOLD } from '../../pipeline/models/yunet.js';
import { cocoFaces, detectorFor, matchFaces, type Detector } from './safety-eval-faces.js';

const { values: args } = parseArgs({
  options: { detector: { type: 'string', default: 'yunet' }, step: { type: 'string', default: '1' }, sweep: { type: 'boolean', default: false }, 'no-nsfw': { type: 'boolean', default: false } },
});
if (!existsSync(corpusDir) || !existsSync(modelsDir)) {
  console.log(skipMessage(existsSync(corpusDir) ? 'models' : 'corpus'));
  process.exit(0);
}
const step = Number(args.step);
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const detector: Detector = await detectorFor(args.detector!, modelsDir);
const threshold = args.detector!.startsWith('yunet') ? YUNET_THRESHOLD : FACE_THRESHOLD;
const thresholds = args.sweep ? [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99] : [threshold];

// Faces on COCO: ground truth = nose + both eyes visible, eyes >= 12 px apart.
const gt = cocoFaces(join(corpusDir, 'coco-mini'));
const cocoDetections = new Map<string, Awaited<ReturnType<Detector>>>();
for (const file of new Set(gt.map((f) => f.file))) cocoDetections.set(file, await detector(readFileSync(file)));
// False faces on the watercolours.
const pomoDir = join(corpusDir, 'pomological/images');
const pomo = readdirSync(pomoDir).filter((_, i) => i % step === 0);
const pomoMax: number[] = [];
for (const f of pomo) {
  const boxes = await detector(readFileSync(join(pomoDir, f)));
  pomoMax.push(Math.max(0, ...boxes.map((b) => b.score)));
}
console.log(`faces (${args.detector}): ${gt.length} ground-truth faces in ${cocoDetections.size} COCO images; ${pomo.length} pomological watercolours`);
console.log('threshold | COCO face recall | watercolours with a face');
for (const t of thresholds) {
  const found = matchFaces(gt, cocoDetections, t);
  console.log(`${t.toFixed(2)} | ${pct(found / gt.length)} (${found}/${gt.length}) | ${pct(pomoMax.filter((m) => m >= t).length / pomo.length)} (${pomoMax.filter((m) => m >= t).length}/${pomo.length})`);
}

if (!args['no-nsfw']) {
  // The stage's int8 model beside the float model it was quantised from (CLEARANCE_NSFW_PRECISION=float).
  const [int8, float] = [await loadNsfwModelFile(), await loadNsfwModelFile(process.env, undefined, 'float')];
  const [qs, fs] = [await openSession(int8.bytes), await openSession(float.bytes)];
  const coco = ['train2017', 'val2017'].flatMap((d) => readdirSync(join(corpusDir, 'coco-mini', d)).map((f) => join(corpusDir, 'coco-mini', d, f)));
  const heldOut = coco.filter((f) => f.includes('val2017'));
  console.log(`\nnudity (${int8.id} vs float): score >= 0.5, and |int8 - float| per image`);
  console.log('set | int8 >= 0.5 | float >= 0.5 | decisions that differ | mean |diff| | max |diff|');
  for (const [name, files] of [['pomological', pomo.map((f) => join(pomoDir, f))], ['coco-mini', coco], ['coco-mini val2017 (not calibrated on)', heldOut]] as const) {
    let hq = 0;
    let hf = 0;
    let flips = 0;
    let sum = 0;
    let max = 0;
    for (let i = 0; i < files.length; i += 8) {
      const rgbs = await Promise.all(files.slice(i, i + 8).map(async (f) => (await yunetInputsFrom(await decodeLargePreview(readFileSync(f)))).rgb224));
      const q = (await runNsfw(qs, nsfwInput(rgbs), rgbs.length)).map(nsfwScore);
      const f = (await runNsfw(fs, nsfwInput(rgbs), rgbs.length)).map(nsfwScore);
      q.forEach((x, k) => {
        const y = f[k]!;
        hq += x >= 0.5 ? 1 : 0;
        hf += y >= 0.5 ? 1 : 0;
        flips += x >= 0.5 !== y >= 0.5 ? 1 : 0;
        sum += Math.abs(x - y);
        max = Math.max(max, Math.abs(x - y));
      });
    }
    const n = files.length;
    console.log(`${name} | ${pct(hq / n)} (${hq}/${n}) | ${pct(hf / n)} (${hf}/${n}) | ${flips} | ${(sum / n).toFixed(4)} | ${max.toFixed(3)}`);
  }
}
