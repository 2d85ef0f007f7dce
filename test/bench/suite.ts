// Benchmark (npm run bench:suite): `.ci/run` in a fresh clone of HEAD with ../shared beside it, as CI runs it: each step's
// time, `npm test`'s own, the CPU the tests used by kind of process, how busy both cores were, and a fixed workload timed
// before and after each run (a slower machine, not slower tests, shows there).
// Usage: npm run bench:suite -- [--runs N]   (commit first: the clone is of HEAD; nothing else should run meanwhile)
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { repoRoot } from '../support/shared.js';
import { cpuBetween, sampleProcCpu, type CpuSnapshot } from './support/proc-cpu.js';
import { benchResults, type Figures } from './support/results.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
const RUNS = Number(values.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs takes a whole number ≥ 1 (got ${values.runs})`);
const SHARED = resolve(repoRoot, '..', 'shared');
if (!existsSync(SHARED)) throw new Error(`${SHARED} is missing: CI runs with ../shared beside the clone`);

/** The kind of a process, from its command line: the groups the run's CPU is reported in. */
function kindOf(cmd: string): string {
  if (cmd.includes('workerd')) return 'workerd (Worker runtimes)';
  if (cmd.includes('chrom')) return 'Chromium';
  if (cmd.includes('vitest')) return cmd.includes('--conditions') ? 'vitest test workers' : 'vitest main';
  if (cmd.includes('wrangler')) return 'wrangler';
  if (cmd.includes('esbuild')) return 'esbuild';
  if (cmd.includes('pagefind')) return 'Pagefind';
  if (cmd.includes('bundled-cli') || cmd.includes('pipeline/bin.mjs')) return 'clearance CLI processes';
  if (cmd.includes('exiftool') || cmd.includes('openssl')) return 'exiftool, openssl';
  if (/\btsc\b|typescript/.test(cmd)) return 'tsc';
  if (cmd.includes('biome')) return 'biome';
  if (cmd.includes('npm')) return 'npm';
  return 'other';
}

/** The same CPU-bound loop every time: its CPU time is a reading of the machine's speed. */
function referenceMs(): number {
  const c0 = process.cpuUsage();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x += i % 7;
  if (x < 0) console.log(x);
  const c = process.cpuUsage(c0);
  return Math.round((c.user + c.system) / 1000);
}

/** The environment CI gives `.ci/run`: this one with CI=true, less what `npm run bench:suite` added (npm_* settings such
 *  as -s, which would silence the step headers, and this checkout's node_modules/.bin on PATH). */
function ciEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  const path = (env.PATH ?? '').split(':').filter((dir) => !dir.startsWith(repoRoot) && !dir.includes('/node_modules/'));
  return { ...env, PATH: path.join(':'), CI: 'true' };
}

/** `.ci/run`'s steps, by the header npm prints before each script (the first step, `npm ci`, has none; on a machine that
 *  lacks the Debian packages `.ci/run` installs, it includes installing them). */
const STEP_HEADER = /^> clearance@\S+ (typecheck|lint|check:architecture|test)$/;

interface Run {
  exitCode: number | null;
  ciRunS: number;
  stepsS: Record<string, number>;
  npmTest: { files: string; tests: string; vitestDurationS: number | null; cpu: ReturnType<typeof cpuBetween> };
  busyCoresDuringNpmTest: { mean: number; lowest5sWindows: number[] };
  referenceMs: { before: number; after: number };
  /** CPU this bench's process used while .ci/run ran (mostly reading /proc): part of busyCoreS, in no kind. */
  samplerCpuS: number;
  log?: string;
}

async function oneRun(n: number): Promise<Run> {
  const root = await mkdtemp(join(tmpdir(), 'clearance-bench-suite-'));
  const clone = join(root, 'clearance');
  await new Promise<void>((ok, fail) => spawn('git', ['clone', '-q', repoRoot, clone], { stdio: 'inherit' }).on('close', (c) => (c === 0 ? ok() : fail(new Error(`git clone exited ${c}`)))));
  await symlink(SHARED, join(root, 'shared'));
  const logPath = join(root, 'ci-run.log');
  const log = createWriteStream(logPath);
  const before = referenceMs();
  const sampler = sampleProcCpu(kindOf);
  const ownCpu0 = process.cpuUsage();
  const marks: Array<{ step: string; at: CpuSnapshot }> = [{ step: 'npm ci', at: sampler.snapshot() }];
  let tail = '';
  const exitCode = await new Promise<number | null>((done) => {
    const child = spawn('bash', ['.ci/run'], { cwd: clone, env: ciEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    const onData = (d: Buffer) => {
      log.write(d);
      const text = partial + d.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const raw of lines) {
        const line = stripVTControlCharacters(raw).trim();
        const step = STEP_HEADER.exec(line)?.[1];
        if (step) marks.push({ step: step === 'test' ? 'npm test' : step, at: sampler.snapshot() });
        // npm test's summary (check:architecture, a vitest run too, prints one before it)
        if (marks.at(-1)?.step === 'npm test' && /^(Test Files|Tests|Duration)\s/.test(line)) tail += `${line}\n`;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => log.write(d));
    child.on('close', done);
  });
  const { last, busyCoresPerWindow } = sampler.stop();
  const ownCpu = process.cpuUsage(ownCpu0);
  log.end();
  const after = referenceMs();
  marks.push({ step: 'end', at: last });
  const stepsS: Record<string, number> = {};
  for (let i = 0; i + 1 < marks.length; i++) stepsS[marks[i]!.step] = Math.round((marks[i + 1]!.at.atS - marks[i]!.at.atS) * 10) / 10;
  const testMark = marks.find((m) => m.step === 'npm test');
  const testCpu = cpuBetween(testMark?.at ?? last, last);
  // the windows (~5 s each) that start inside npm test
  const testWindows = busyCoresPerWindow.filter((w) => w.startS >= (testMark?.at.atS ?? last.atS)).map((w) => w.cores);
  const mean = testWindows.length ? Math.round((testWindows.reduce((a, b) => a + b, 0) / testWindows.length) * 100) / 100 : 0;
  const run: Run = {
    exitCode,
    ciRunS: Math.round(last.atS * 10) / 10,
    stepsS,
    npmTest: {
      files: /Test Files\s+(.*)/.exec(tail)?.[1] ?? '',
      tests: /Tests\s+(.*)/.exec(tail)?.[1] ?? '',
      vitestDurationS: Number(/Duration\s+([\d.]+)s/.exec(tail)?.[1]) || null,
      cpu: testCpu,
    },
    busyCoresDuringNpmTest: { mean, lowest5sWindows: [...testWindows].sort((a, b) => a - b).slice(0, 3) },
    referenceMs: { before, after },
    samplerCpuS: Math.round(((ownCpu.user + ownCpu.system) / 1e6) * 10) / 10,
  };
  if (exitCode === 0) await rm(root, { recursive: true, force: true });
  else run.log = logPath;
  console.log(`run ${n}: .ci/run exit ${exitCode} in ${run.ciRunS} s; steps ${JSON.stringify(stepsS)}`);
  console.log(`  npm test: vitest ${run.npmTest.vitestDurationS} s, ${run.npmTest.files} files, ${run.npmTest.tests} tests; ${testCpu.busyCoreS} busy core-s over ${testCpu.seconds} s (both cores ${mean} busy on average)`);
  console.log(`  CPU-s by kind: ${Object.entries(testCpu.byKind).map(([k, s]) => `${k} ${s}`).join(', ')}`);
  console.log(`  reference workload: ${before} ms before, ${after} ms after; sampling /proc cost ${run.samplerCpuS} CPU-s${run.log ? `; log kept: ${run.log}` : ''}`);
  return run;
}

const results = benchResults('suite', { runs: RUNS });
const runs: Run[] = [];
for (let n = 1; n <= RUNS; n++) runs.push(await oneRun(n));
const times = runs.map((r) => r.npmTest.vitestDurationS ?? Number.NaN).sort((a, b) => a - b);
const median = times[Math.floor((times.length - 1) / 2)]!;
console.log(`npm test (vitest's Duration): min ${times[0]} s, median ${median} s, max ${times.at(-1)} s over ${RUNS} run(s)`);
results.add('npmTestS', { min: times[0]!, median, max: times.at(-1)! });
results.add('runs', runs as unknown as Figures[string]);
await results.write();
if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
