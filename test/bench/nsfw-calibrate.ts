// Measures the activation ranges the int8 nudity model is quantised with, on corpus images, and writes pipeline/models/nsfw-int8-ranges.json.
// Usage: npx tsx test/bench/nsfw-calibrate.ts [--coco-split train2017] [--pomological-step 60] ; needs ../shared/corpus.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, hasCorpus, repoRoot, skipMessage } from '../support/shared.js';
import { nsfwFloatGraph, NSFW_SIZE, nsfwInput } from '../../pipeline/models/nsfw.js';
import { readNsfwjsSource } from '../../pipeline/models/nsfwjs-source.js';
import { encodeModel, valueInfo } from '../../pipeline/models/onnx-proto.js';
import { rangeKey } from '../../pipeline/models/quantise-int8.js';
import { rgbResized } from '../../pipeline/models/preprocess.js';
import { openSession, ort } from '../../pipeline/models/session.js';

const { values: args } = parseArgs({
  options: { 'coco-split': { type: 'string', default: 'train2017' }, 'pomological-step': { type: 'string', default: '60' }, tail: { type: 'string', default: '0.0001' } },
});
if (!hasCorpus) {
  console.log(skipMessage('corpus'));
  process.exit(0);
}
const src = readNsfwjsSource();
const graph = nsfwFloatGraph(src, true);
// Every value a quantised op reads or writes: convolution, activation and Add outputs, and the transposed input.
const watched = graph.node.filter((n) => ['Conv', 'Relu', 'Clip', 'Add', 'Transpose'].includes(n.op_type)).map((n) => n.output[0]!);
graph.output = [...graph.output, ...watched.map((v) => valueInfo(v, ['N', -1, -1, -1]))];
const session = await openSession(encodeModel(graph, { name: 'calibration', version: '1' }));

const cocoDir = join(corpusDir, 'coco-mini', args['coco-split']!);
const pomoDir = join(corpusDir, 'pomological/images');
const step = Number(args['pomological-step']);
const files = [
  ...readdirSync(cocoDir).map((f) => join(cocoDir, f)),
  ...readdirSync(pomoDir).filter((_, i) => i % step === 0).map((f) => join(pomoDir, f)),
];
// Two passes: min/max, then a histogram per value; the range kept drops `tail` of the values at each end (outliers
// would otherwise stretch the 256 steps over values that almost never occur).
const BINS = 4096;
const tail = Number(args.tail);
const minmax = new Map<string, [number, number]>();
const hist = new Map<string, Float64Array>();
async function pass(visit: (v: string, data: Float32Array) => void): Promise<void> {
  for (let i = 0; i < files.length; i += 8) {
    const rgbs = await Promise.all(files.slice(i, i + 8).map((f) => rgbResized(readFileSync(f), NSFW_SIZE, NSFW_SIZE)));
    const out = await session.run({ pixels: new ort.Tensor('uint8', nsfwInput(rgbs), [rgbs.length, NSFW_SIZE, NSFW_SIZE, 3]) });
    for (const v of watched) visit(v, out[v]!.data as Float32Array);
  }
}
await pass((v, data) => {
  const r = minmax.get(v) ?? [Infinity, -Infinity];
  for (const x of data) {
    if (x < r[0]) r[0] = x;
    if (x > r[1]) r[1] = x;
  }
  minmax.set(v, r);
});
await pass((v, data) => {
  const [lo, hi] = minmax.get(v)!;
  const h = hist.get(v) ?? new Float64Array(BINS);
  const k = (BINS - 1) / Math.max(1e-12, hi - lo);
  for (const x of data) h[Math.floor((x - lo) * k)]!++;
  hist.set(v, h);
});
const ranges: Record<string, [number, number]> = {};
for (const v of watched) {
  const [lo, hi] = minmax.get(v)!;
  const h = hist.get(v)!;
  const total = h.reduce((a, b) => a + b, 0);
  const at = (bin: number) => lo + ((hi - lo) * bin) / (BINS - 1);
  let a = 0;
  let acc = 0;
  while (a < BINS - 1 && acc + h[a]! <= total * tail) acc += h[a++]!;
  let b = BINS - 1;
  acc = 0;
  while (b > a && acc + h[b]! <= total * tail) acc += h[b--]!;
  ranges[rangeKey(v)] = [Math.min(0, at(a)), Math.max(0, at(b + 1))];
}
// The input is pixels / 255: its range is [0, 1] whatever the images (uint8 steps of 1/255 are exact).
for (const n of graph.node.filter((x) => x.op_type === 'Transpose' && x.input[0] === 'input_1')) ranges[rangeKey(n.output[0]!)] = [0, 1];
const images = `${files.length} images: coco-mini/${args['coco-split']} and every ${step}th pomological watercolour; tails of ${tail} dropped`;
const lines = Object.entries(ranges).map(([k, [a, b]]) => `    ${JSON.stringify(k)}: [${a}, ${b}]`);
const json = `{\n  "source": "${src.sha256.slice(0, 12)}",\n  "images": ${JSON.stringify(images)},\n  "ranges": {\n${lines.join(',\n')}\n  }\n}\n`;
writeFileSync(join(repoRoot, 'pipeline/models/nsfw-int8-ranges.json'), json);
console.log(`wrote ${Object.keys(ranges).length} ranges from ${images}`);
