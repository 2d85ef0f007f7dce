// Safety benchmark: images/s of each model alone (threads × batch) and inside `clearance build` on 1,000 watercolours.
// Usage: npm run bench:safety [-- --count N] ; needs ../shared/corpus and ../shared/models.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, modelsDir, repoRoot, skipMessage } from '../support/shared.js';
import { loadNsfwModelFile, NSFW_SIZE, nsfwInput, runNsfw } from '../../pipeline/models/nsfw.js';
import { rgbLetterboxed, rgbResized } from '../../pipeline/models/preprocess.js';
import { openSession, defaultIntraOpThreads } from '../../pipeline/models/session.js';
import { runYunet, YUNET_MAX_SCALE, YUNET_SIZE } from '../../pipeline/models/yunet.js';

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, matrix: { type: 'string', default: '200' }, threads: { type: 'string', default: '1,2' } },
});
const pomoDir = join(corpusDir, 'pomological/images');
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
const fmt = (n: number) => n.toFixed(1);

// Inputs decoded once, so "alone" times the model only.
const rgb224 = await Promise.all(images.map((d) => rgbResized(d, NSFW_SIZE, NSFW_SIZE)));
const boxed = await Promise.all(images.map((d) => rgbLetterboxed(d, YUNET_SIZE, YUNET_SIZE, YUNET_MAX_SCALE)));

/** ms per image inside session.run (the same measure the stage reports), inputs pre-decoded. */
async function nsfwAlone(threads: number, batch: number, n: number): Promise<number> {
  const s = await openSession(nsfwFile.bytes, { intraOpThreads: threads });
  await runNsfw(s, nsfwInput(rgb224.slice(0, batch)), batch);
  const timer = { ms: 0 };
  for (let i = 0; i < n; i += batch) {
    const chunk = rgb224.slice(i, Math.min(n, i + batch));
    await runNsfw(s, nsfwInput(chunk), chunk.length, timer);
  }
  await s.release();
  return timer.ms / n;
}
async function facesAlone(threads: number, n: number): Promise<number> {
  const s = await openSession(join(modelsDir, 'yunet_s_640_640.onnx'), { intraOpThreads: threads });
  await runYunet(s, boxed[0]!.rgb, boxed[0]!.scale);
  const timer = { ms: 0 };
  for (let i = 0; i < n; i++) await runYunet(s, boxed[i]!.rgb, boxed[i]!.scale, undefined, timer);
  await s.release();
  return timer.ms / n;
}

const m = Math.min(Number(args.matrix), images.length);
if (m > 0) console.log(`## Models alone, inference only (inputs pre-decoded), ${m} images, ms/image (images/s)`);
if (m > 0) console.log('threads | nsfw batch 1 | nsfw batch 4 | nsfw batch 8 | faces (YuNet)');
for (const threads of m > 0 ? [1, 2] : []) {
  const cells: string[] = [];
  for (const b of [1, 4, 8]) cells.push(((ms) => `${ms.toFixed(2)} (${fmt(1000 / ms)})`)(await nsfwAlone(threads, b, m)));
  const f = await facesAlone(threads, m);
  console.log(`${threads} | ${cells.join(' | ')} | ${f.toFixed(2)} (${fmt(1000 / f)})`);
}

console.log(`default ORT threads here: ${defaultIntraOpThreads()}`);

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
  itemsPerSecond: number; concurrency: number; stages: Record<string, { ms: number; count: number }>;
  stats: { safety?: { timings?: { images: number; nsfwBatches: number; msPerImage: { decode: number; nsfw: number; faces: number } } } };
}
const alone = new Map<number, { nsfw: number; faces: number }>();
for (const th of args.threads!.split(',').map(Number)) {
  const out = join(work, `out-${th}`);
  const t0 = performance.now();
  const r = spawnSync('npx', ['tsx', 'pipeline/cli.ts', 'build', rel, '--out', out, '--cache', join(work, `cache-${th}`), '--quiet'], {
    cwd: repoRoot, env: { ...env, CLEARANCE_ORT_THREADS: String(th) }, encoding: 'utf8',
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    console.log(`clearance build failed (exit ${r.status}): ${r.stderr.split('\n').slice(-5).join(' | ')} (kept ${work})`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  const t = report.stats.safety?.timings;
  const st = report.stages.safety;
  console.log(`\n## Inside clearance build, ORT threads ${th} (${images.length} images, concurrency ${report.concurrency}, ${wall.toFixed(1)} s wall incl. startup)`);
  console.log(`pipeline: ${fmt(report.itemsPerSecond)} items/s; safety stage: ${st?.count} items, ${st ? (st.ms / st.count).toFixed(2) : '?'} ms/item wall (summed over concurrent items)`);
  if (!t) {
    console.log('no safety timings in report.json (stats.safety.timings missing)');
    process.exit(1);
  }
  // The same images alone, just after the build (the machine is shared: compare like with like).
  const a = alone.get(th) ?? { nsfw: await nsfwAlone(th, 4, images.length), faces: await facesAlone(th, images.length) };
  alone.set(th, a);
  console.log(`alone: nsfw ${a.nsfw.toFixed(2)} ms/image (${fmt(1000 / a.nsfw)}/s), faces ${a.faces.toFixed(2)} ms/image (${fmt(1000 / a.faces)}/s)`);
  console.log(`in the pipeline: nsfw ${t.msPerImage.nsfw.toFixed(2)} ms/image (${t.nsfwBatches} batches, ${(t.images / t.nsfwBatches).toFixed(2)} images/batch), faces ${t.msPerImage.faces.toFixed(2)} ms/image, decode ${t.msPerImage.decode.toFixed(2)} ms/image`);
  const both = (t.msPerImage.nsfw + t.msPerImage.faces) / (a.nsfw + a.faces);
  console.log(`ratio pipeline/alone: nsfw ${(t.msPerImage.nsfw / a.nsfw).toFixed(2)}x, faces ${(t.msPerImage.faces / a.faces).toFixed(2)}x, both ${both.toFixed(2)}x (target <= 1.3x)`);
}
rmSync(work, { recursive: true, force: true });
rmSync(modelCache, { recursive: true, force: true });
