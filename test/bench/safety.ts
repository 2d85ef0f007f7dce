// Safety benchmark: each model alone (the nudity model beside the int8 MobileNetV2 reference), then `clearance build` on watercolours with safety off / on / on + OCR in one run.
// Usage: npm run bench:safety [-- --count N --matrix M --threads 1,2 --ocr --float --decodes 1,2,4] ; needs ../shared/corpus and ../shared/models.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, modelsDir, repoRoot, skipMessage } from '../support/shared.js';
import { loadNsfwModelFile, NSFW_SIZE, nsfwInput, runNsfw } from '../../pipeline/models/nsfw.js';
import { rgbFitted, rgbLetterboxed, rgbResized } from '../../pipeline/models/preprocess.js';
import { openSession, ort, timedRun } from '../../pipeline/models/session.js';
import { runYunet, YUNET_MAX_SCALE, YUNET_SIZE } from '../../pipeline/models/yunet.js';
import { yunetAnySize } from '../../pipeline/models/yunet-any-size.js';
import { benchResults, type Figures } from './support/results.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '600' },
    matrix: { type: 'string', default: '200' },
    threads: { type: 'string', default: '1' },
    ocr: { type: 'boolean', default: false },
    float: { type: 'boolean', default: false },
    decodes: { type: 'string' },
  },
});
const pomoDir = join(corpusDir, 'pomological/images');
const refPath = join(modelsDir, 'mobilenetv2-12-int8.onnx');
if (!existsSync(pomoDir) || !existsSync(modelsDir)) {
  console.log(skipMessage(existsSync(pomoDir) ? 'models' : 'corpus'));
  process.exit(0);
}
const count = Number(args.count);
const files = readdirSync(pomoDir)
  .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))
  .slice(0, count);
const images = files.map((f) => readFileSync(join(pomoDir, f)));
const modelCache = mkdtempSync(join(tmpdir(), 'clearance-bench-models-'));
const env = { ...process.env, CLEARANCE_MODEL_CACHE: modelCache };
const nsfwFile = await loadNsfwModelFile(env);
const nsfwFloat = await loadNsfwModelFile(env, undefined, 'float');
const fmt = (n: number) => n.toFixed(1);
const cell = (ms: number) => `${ms.toFixed(2)} (${fmt(1000 / ms)}/s)`;
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (2 cores shared with other work)`);
const results = benchResults('safety', { images: count, matrix: Number(args.matrix), threads: args.threads!, float: !!args.float, ocr: !!args.ocr });

// Inputs decoded once, so "alone" times the model only.
const rgb224 = await Promise.all(images.map((d) => rgbResized(d, NSFW_SIZE, NSFW_SIZE)));
const boxed = await Promise.all(images.map(async (d) => ({ ...(await rgbLetterboxed(d, YUNET_SIZE, YUNET_SIZE, YUNET_MAX_SCALE)), width: YUNET_SIZE, height: YUNET_SIZE })));
const fitted = await Promise.all(images.map((d) => rgbFitted(d, YUNET_SIZE, YUNET_MAX_SCALE)));
const yunetFile = readFileSync(join(modelsDir, 'yunet_s_640_640.onnx'));

/** ms per image inside session.run (the same measure the stage reports), inputs pre-decoded. */
async function nsfwAlone(threads: number, batch: number, n: number, model = nsfwFile.bytes): Promise<number> {
  const s = await openSession(model, { intraOpThreads: threads });
  await runNsfw(s, nsfwInput(rgb224.slice(0, batch)), batch);
  const timer = { ms: 0 };
  for (let i = 0; i < n; i += batch) {
    const chunk = rgb224.slice(i, Math.min(n, i + batch));
    await runNsfw(s, nsfwInput(chunk), chunk.length, timer);
  }
  await s.release();
  return timer.ms / n;
}

/** The ONNX Model Zoo's int8 MobileNetV2 (NCHW, ImageNet mean/std) on the same 224×224 inputs: the reference cost. */
async function referenceAlone(threads: number, batch: number, n: number): Promise<number> {
  const s = await openSession(refPath, { intraOpThreads: threads });
  const mean = [0.485, 0.456, 0.406].map((m) => m * 255);
  const std = [0.229, 0.224, 0.225].map((v) => v * 255);
  const plane = NSFW_SIZE * NSFW_SIZE;
  const input = (chunk: Uint8Array[]) => {
    const out = new Float32Array(chunk.length * 3 * plane);
    chunk.forEach((rgb, k) => {
      for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[k * 3 * plane + c * plane + i] = (rgb[i * 3 + c]! - mean[c]!) / std[c]!;
    });
    return new ort.Tensor('float32', out, [chunk.length, 3, NSFW_SIZE, NSFW_SIZE]);
  };
  await timedRun(s, { input: input(rgb224.slice(0, batch)) });
  const timer = { ms: 0 };
  for (let i = 0; i < n; i += batch) await timedRun(s, { input: input(rgb224.slice(i, Math.min(n, i + batch))) }, timer);
  await s.release();
  return timer.ms / n;
}

/** YuNet on the stage's input (sized to the image) or, `canvas`, letterboxed into the file's fixed 640×640 (before). */
async function facesAlone(threads: number, n: number, canvas = false): Promise<number> {
  const s = await openSession(canvas ? yunetFile : yunetAnySize(yunetFile), { intraOpThreads: threads });
  const inputs = canvas ? boxed : fitted;
  await runYunet(s, inputs[0]!);
  const timer = { ms: 0 };
  for (let i = 0; i < n; i++) await runYunet(s, inputs[i]!, undefined, timer);
  await s.release();
  return timer.ms / n;
}

const m = Math.min(Number(args.matrix), images.length);
if (m > 0) {
  console.log(`\n## Models alone, inference only (inputs pre-decoded), ${m} watercolours, ms/image (images/s)`);
  console.log('threads | model | batch 1 | batch 4 | batch 8');
  for (const threads of args.threads!.split(',').map(Number)) {
    const nsfw: number[] = [];
    const float: number[] = [];
    const ref: number[] = [];
    for (const b of [1, 4, 8]) {
      nsfw.push(await nsfwAlone(threads, b, m));
      float.push(await nsfwAlone(threads, b, m, nsfwFloat.bytes));
      ref.push(await referenceAlone(threads, b, m));
    }
    console.log(`${threads} | nudity, int8 (stage's: ${nsfwFile.id}) | ${nsfw.map(cell).join(' | ')}`);
    console.log(`${threads} | nudity, float (before; CLEARANCE_NSFW_PRECISION=float) | ${float.map(cell).join(' | ')}`);
    console.log(`${threads} | mobilenetv2-12-int8 (reference) | ${ref.map(cell).join(' | ')}`);
    console.log(`${threads} | ratio nudity int8 / reference | ${nsfw.map((x, i) => `${(x / ref[i]!).toFixed(2)}x`).join(' | ')}`);
    console.log(`${threads} | ratio nudity float / reference | ${float.map((x, i) => `${(x / ref[i]!).toFixed(2)}x`).join(' | ')}`);
    const facesSized = await facesAlone(threads, m);
    const facesBoxed = await facesAlone(threads, m, true);
    console.log(`${threads} | faces: YuNet on the stage's input (sized to the image) | ${cell(facesSized)} | |`);
    console.log(`${threads} | faces: YuNet letterboxed into 640×640 (before) | ${cell(facesBoxed)} | |`);
    results.add(`modelsAloneThreads${threads}`, { batches: [1, 4, 8], nsfwInt8Ms: nsfw, nsfwFloatMs: float, referenceInt8Ms: ref, facesSizedMs: facesSized, facesLetterboxedMs: facesBoxed });
  }
}

// Inside the pipeline: a CC0 manifest release of the same images through `clearance build`.
const work = mkdtempSync(join(tmpdir(), 'clearance-bench-safety-'));
const rel = join(work, 'release');
mkdirSync(join(rel, 'images'), { recursive: true });
const lines = files.map((f, i) => {
  copyFileSync(join(pomoDir, f), join(rel, 'images', f));
  return JSON.stringify({ id: String(i), image: `images/${f}`, title: `Pomological watercolour ${i}` });
});
writeFileSync(join(rel, 'manifest.jsonl'), `${lines.join('\n')}\n`);
writeFileSync(join(rel, 'release.json'), JSON.stringify({ name: 'bench', sources: [{ name: 'pomological', adapter: 'manifest', path: 'manifest.jsonl', licence: 'CC0 1.0' }] }));
interface Report {
  itemsPerSecond: number; durationMs: number; cpuMs: number; concurrency: number; stages: Record<string, { ms: number; count: number }>;
  stats: { safety?: { timings?: { images: number; nsfwBatches: number; msPerImage: Record<string, number | null> } | null; pixelText?: unknown } };
}

function build(name: string, extra: Record<string, string>): Report {
  const out = join(work, `out-${name}`);
  const r = spawnSync(process.execPath, [join(repoRoot, 'pipeline/bin.mjs'), 'build', rel, '--out', out, '--cache', join(work, `cache-${name}`), '--quiet'], {
    cwd: repoRoot, env: { ...env, ...extra }, encoding: 'utf8',
  });
  if (r.status !== 0) {
    console.log(`clearance build (${name}) failed (exit ${r.status}): ${r.stderr.split('\n').slice(-5).join(' | ')} (kept ${work})`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
}

const runs: Array<[string, Record<string, string>]> = [['safety off', { CLEARANCE_SAFETY: 'off' }]];
// --decodes 1,2: the same nudity + faces build with each number of decodes beside inference.
for (const d of args.decodes?.split(',') ?? []) runs.push([`nudity + faces, ${d} decodes`, { CLEARANCE_OCR: 'off', CLEARANCE_SAFETY_DECODES: d }]);
for (const th of args.threads!.split(',')) {
  runs.push([`nudity + faces, ORT threads ${th}`, { CLEARANCE_OCR: 'off', CLEARANCE_ORT_THREADS: th }]);
  if (args.float) runs.push([`nudity (float) + faces, ORT threads ${th}`, { CLEARANCE_OCR: 'off', CLEARANCE_ORT_THREADS: th, CLEARANCE_NSFW_PRECISION: 'float' }]);
  if (args.ocr) runs.push([`nudity + faces + OCR, ORT threads ${th}`, { CLEARANCE_ORT_THREADS: th }]);
}
console.log(`\n## Inside clearance build (${images.length} watercolours, one run, cold cache each)`);
console.log('build | items/s | vs safety off | CPU ms/item (all threads) | CPU busy (cpuMs / durationMs, of 2 cores) | safety ms/image: decode, nsfw, faces (batches)');
let offRate = 0;
const builds: Figures[] = [];
for (const [i, [name, extra]] of runs.entries()) {
  const r = build(`b${i}`, extra);
  if (i === 0) offRate = r.itemsPerSecond;
  const t = r.stats.safety?.timings;
  const ms = (k: string) => (t?.msPerImage[k] ?? 0).toFixed(2);
  const detail = t ? `${ms('decode')}, ${ms('nsfw')}, ${ms('faces')} (${t.nsfwBatches} batches, ${(t.images / t.nsfwBatches).toFixed(2)} images/batch)` : '-';
  console.log(`${name} | ${fmt(r.itemsPerSecond)} | ${(r.itemsPerSecond / offRate).toFixed(2)}x | ${(r.cpuMs / images.length).toFixed(1)} | ${((100 * r.cpuMs) / r.durationMs).toFixed(0)}% | ${detail}`);
  builds.push({ build: name, itemsPerSecond: r.itemsPerSecond, vsSafetyOff: r.itemsPerSecond / offRate, cpuMsPerItem: r.cpuMs / images.length, cpuBusy: r.cpuMs / r.durationMs });
}
results.add('builds', builds);
await results.write();
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
rmSync(work, { recursive: true, force: true });
rmSync(modelCache, { recursive: true, force: true });
