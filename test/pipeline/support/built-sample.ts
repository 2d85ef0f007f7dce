// A sample release (`clearance sample --count N`) built with `clearance build --quiet`, made once per test run
// (test/support/build-once.ts) or once per process without the run's global setup, then copied into each test's
// folder: files that read the same build share it instead of drawing and building it again.
import { rmSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce } from '../../support/build-once.js';
import { runCli } from './cli.js';

const own = new Map<number, Promise<string>>();

async function make(dir: string, count: number): Promise<void> {
  const sample = await runCli(['sample', join(dir, 'rel'), '--count', String(count)]);
  if (sample.code !== 0) throw new Error(`clearance sample: ${sample.stderr}`);
  const built = await runCli(['build', join(dir, 'rel'), '--out', join(dir, 'out'), '--quiet']);
  if (built.code !== 0) throw new Error(`clearance build: ${built.stderr}`);
}

/** Copies the built sample of `count` items into `root`: the release in `root/rel`, the build's output in `root/out`. */
export async function copyBuiltSample(root: string, count: number): Promise<{ release: string; out: string }> {
  let from = await buildOnce(`built-sample-${count}`, (dir) => make(dir, count));
  if (!from) {
    if (!own.has(count)) {
      own.set(count, mkdtemp(join(tmpdir(), 'clearance-built-sample-')).then(async (dir) => {
        process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
        await make(dir, count);
        return dir;
      }));
    }
    from = await own.get(count)!;
  }
  for (const part of ['rel', 'out']) await cp(join(from, part), join(root, part), { recursive: true });
  return { release: join(root, 'rel'), out: join(root, 'out') };
}
