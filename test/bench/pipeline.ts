// Benchmark (npm run bench:pipeline): cold build vs bare sharp decode + 256 px WebP on pomological images; unchanged re-run; peak RSS.
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { corpusDir, hasCorpus, repoRoot, skipMessage } from '../support/shared.js';
import { benchResults } from './support/results.js';

const N = Number(process.env.BENCH_N ?? 1500);
const CONCURRENCY = process.env.BENCH_CONCURRENCY;

interface Run {
  wallMs: number;
  /** In-process time of an up-to-date check (from the CLI's "checked in N ms" line), else the build's durationMs. */
  checkMs: number;
  report: { durationMs: number; cpuMs: number; peakRssBytes: number; items: { byStatus: Record<string, number>; byCode: Record<string, number> }; concurrency: number };
}

function build(release: string, out: string, cache: string, force = false): Promise<Run> {
  const args = [join(repoRoot, 'pipeline/bin.mjs'), 'build', release, '--out', out, '--cache', cache, '--quiet'];
  if (force) args.push('--force');
  if (CONCURRENCY) args.push('--concurrency', CONCURRENCY);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CLEARANCE_SAFETY: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', async (code) => {
      if (code !== 0) return reject(new Error(`build exited ${code}: ${stderr}`));
      const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
      const checked = /checked in (\d+) ms/.exec(stdout);
      resolve({ wallMs: performance.now() - t0, checkMs: checked ? Number(checked[1]) : report.durationMs, report });
    });
  });
}

/** Bare sharp: read, decode, resize to 256 px long side, encode WebP; `limit` images in flight, sharp defaults. */
async function bareSharp(files: string[], limit: number): Promise<{ ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  async function worker() {
    while (next < files.length) {
      const f = files[next++]!;
      await sharp(await readFile(f)).resize(256, 256, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    }
  }
  await Promise.all(Array.from({ length: limit }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function main(): Promise<void> {
  if (!hasCorpus) {
    console.log(skipMessage('corpus'));
    return;
  }
  const results = benchResults('pipeline', { images: N, concurrency: CONCURRENCY ?? 'default', safety: 'off' });
  const root = await mkdtemp(join(tmpdir(), 'clearance-bench-'));
  const release = join(root, 'release');
  await mkdir(join(release, 'images'), { recursive: true });
  const files: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < N; i++) {
    const name = `image-${i}.jpg`;
    await copyFile(join(corpusDir, 'pomological/images', name), join(release, 'images', name));
    files.push(join(release, 'images', name));
    lines.push(JSON.stringify({ id: String(i), image: `images/${name}`, title: `USDA Pomological Watercolor ${i}` }));
  }
  await writeFile(join(release, 'manifest.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(
    join(release, 'release.json'),
    JSON.stringify({
      name: 'bench-pomological',
      sources: [{ name: 'pomological', adapter: 'manifest', path: 'manifest.jsonl', licence: 'https://creativecommons.org/publicdomain/mark/1.0/', assertedBy: 'institution' }],
    }),
  );
  const loadBefore = loadavg();
  await bareSharp(files.slice(0, 50), 4); // warm the page cache and sharp
  // Bare sharp runs before and after the cold build; their mean is the reference (load on this machine drifts).
  const bare1 = await bareSharp(files, availableParallelism() * 2);
  const cold = await build(release, join(root, 'out'), join(root, 'cache'));
  const bare2 = await bareSharp(files, availableParallelism() * 2);
  const bareMs = (bare1.ms + bare2.ms) / 2;
  const bareCpuMs = (bare1.cpuMs + bare2.cpuMs) / 2;
  const forced = await build(release, join(root, 'out'), join(root, 'cache'), true);
  const warm = await build(release, join(root, 'out'), join(root, 'cache'));
  const loadAfter = loadavg();

  const rate = (ms: number) => N / (ms / 1000);
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
  const bareRate = rate(bareMs);
  const coldRate = rate(cold.report.durationMs);
  const rows: [string, string][] = [
    ['images', String(N)],
    ['cores / build concurrency', `${availableParallelism()} / ${cold.report.concurrency}`],
    ['bare sharp decode + 256 px WebP', `${bareRate.toFixed(1)} images/s (${(bare1.ms / 1000).toFixed(2)} s before, ${(bare2.ms / 1000).toFixed(2)} s after the build; CPU ${(bareCpuMs / 1000).toFixed(2)} s)`],
    ['pipeline cold build (no models)', `${coldRate.toFixed(1)} images/s (${(cold.report.durationMs / 1000).toFixed(2)} s in-process, ${(cold.wallMs / 1000).toFixed(2)} s wall incl. start-up)`],
    ['ratio pipeline / bare sharp', `${(coldRate / bareRate).toFixed(2)}× by wall time (target ≥ 0.5×); ${(bareCpuMs / cold.report.cpuMs).toFixed(2)}× by CPU time`],
    ['unchanged re-run --force (all items, cached)', `${(forced.report.durationMs / 1000).toFixed(2)} s in-process = ${pct(forced.report.durationMs, cold.report.durationMs)} of cold; wall ${(forced.wallMs / 1000).toFixed(2)} s = ${pct(forced.wallMs, cold.wallMs)}; CPU ${(forced.report.cpuMs / 1000).toFixed(2)} s vs cold ${(cold.report.cpuMs / 1000).toFixed(2)} s = ${pct(forced.report.cpuMs, cold.report.cpuMs)}`],
    ['unchanged re-run (up-to-date check)', `${(warm.checkMs / 1000).toFixed(2)} s in-process = ${pct(warm.checkMs, cold.report.durationMs)} of cold (target ≤ 5%); wall ${(warm.wallMs / 1000).toFixed(2)} s = ${pct(warm.wallMs, cold.wallMs)}`],
    ['peak RSS cold / --force re-run', `${(cold.report.peakRssBytes / 2 ** 20).toFixed(0)} MiB / ${(forced.report.peakRssBytes / 2 ** 20).toFixed(0)} MiB`],
    ['decisions (cold)', Object.entries(cold.report.items.byCode).map(([c, n]) => `${c} ${n}`).join(', ')],
    ['load average before → after', `${loadBefore.map((l) => l.toFixed(1)).join(' ')} → ${loadAfter.map((l) => l.toFixed(1)).join(' ')} (machine shared with other work)`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log('\nclearance pipeline benchmark');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  const s = (ms: number) => Math.round(ms) / 1000;
  results.add('buildConcurrency', cold.report.concurrency);
  results.add('bareSharp', { imagesPerSecond: Math.round(bareRate * 10) / 10, beforeS: s(bare1.ms), afterS: s(bare2.ms), cpuS: s(bareCpuMs) });
  results.add('coldBuild', { imagesPerSecond: Math.round(coldRate * 10) / 10, inProcessS: s(cold.report.durationMs), wallS: s(cold.wallMs), cpuS: s(cold.report.cpuMs), peakRssMb: Math.round(cold.report.peakRssBytes / 2 ** 20) });
  results.add('ratioToBareSharp', { byWallTime: Math.round((coldRate / bareRate) * 100) / 100, byCpuTime: Math.round((bareCpuMs / cold.report.cpuMs) * 100) / 100, target: 0.5 });
  results.add('forcedRerun', { inProcessS: s(forced.report.durationMs), wallS: s(forced.wallMs), cpuS: s(forced.report.cpuMs), peakRssMb: Math.round(forced.report.peakRssBytes / 2 ** 20) });
  results.add('upToDateCheck', { inProcessS: s(warm.checkMs), wallS: s(warm.wallMs), shareOfColdPercent: Math.round((1000 * warm.checkMs) / cold.report.durationMs) / 10, targetPercent: 5 });
  results.add('decisions', cold.report.items.byCode);
  await results.write();
  await rm(root, { recursive: true, force: true });
}

await main();
