// Benchmark (npm run bench:hostile): a whole `clearance build` over good items mixed with 43 hostile ones (test/hostile/support/hostile-release.ts): wall time, build time, peak RSS.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';
import { writeHostileRelease } from '../hostile/support/hostile-release.js';
import { benchResults } from './support/results.js';

const GOOD = Number(process.env.BENCH_GOOD ?? 24);

const results = benchResults('hostile', { good: GOOD, safety: process.env.CLEARANCE_SAFETY === 'off' ? 'off' : 'on' });
const root = await mkdtemp(join(tmpdir(), 'clearance-bench-hostile-'));
try {
  const release = join(root, 'release');
  const expected = await writeHostileRelease(release, await mkdtemp(join(root, 'outside-')), GOOD);
  const out = join(root, 'out');
  const args = [join(repoRoot, 'pipeline/bin.mjs'), 'build', release, '--out', out, '--quiet'];
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', resolve);
  });
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`build exited ${code}`);
  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { durationMs: number; peakRssBytes: number; items: { total: number; byStatus: Record<string, number> }; internalErrors: number };
  console.log(`safety: ${process.env.CLEARANCE_SAFETY === 'off' ? 'off' : 'on'}`);
  console.log(`items: ${report.items.total} (${Object.keys(expected.good).length} good, ${Object.keys(expected.hostile).length} hostile) → ${JSON.stringify(report.items.byStatus)}, internal errors ${report.internalErrors}`);
  console.log(`wall ${(wallMs / 1000).toFixed(1)} s (node + tsx start-up included), build ${(report.durationMs / 1000).toFixed(1)} s, peak RSS ${Math.round(report.peakRssBytes / 1024 / 1024)} MiB`);
  results.add('items', { total: report.items.total, good: Object.keys(expected.good).length, hostile: Object.keys(expected.hostile).length, byStatus: report.items.byStatus, internalErrors: report.internalErrors });
  results.add('wallS', Math.round(wallMs / 100) / 10);
  results.add('buildS', Math.round(report.durationMs / 100) / 10);
  results.add('peakRssMb', Math.round(report.peakRssBytes / 1024 / 1024));
  await results.write();
} finally {
  await rm(root, { recursive: true, force: true });
}
