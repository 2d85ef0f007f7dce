// publish --local killed halfway (SIGKILL during uploads): a re-run finishes the job with nothing duplicated.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTarget } from '../../../pipeline/publish/open-target.js';
import { bundledCli } from '../../support/bundled.js';
import { repoRoot } from '../../support/shared.js';
import { writeOut } from './fixture-out.js';

const COUNT = 150;
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-resume-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function blobCount(persist: string): number {
  const dir = join(persist, 'v3', 'r2', 'clearance-files', 'blobs');
  return existsSync(dir) ? readdirSync(dir).length : 0;
}

/** Runs the CLI (the run's bundle of it: test/support/bundled.ts) in its own process group, so a kill takes its
 *  workerd child down too (as a closed terminal would). */
async function publishCli(out: string, persist: string) {
  return spawn(process.execPath, [await bundledCli(), 'publish', out, '--local', '--persist-to', persist], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

it('finishes an interrupted publish without duplicates', async () => {
  const out = join(tmp, 'out');
  const persist = join(tmp, 'state');
  await writeOut(out, '2026-11', Array.from({ length: COUNT }, (_, i) => ({ id: `r:${i}` })));

  const child = await publishCli(out, persist);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 60_000;
  while (blobCount(persist) < 10 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  process.kill(-(child.pid as number), 'SIGKILL');
  await exited;
  const atKill = blobCount(persist);
  expect(atKill).toBeGreaterThan(0);
  expect(atKill).toBeLessThan(2 * COUNT);

  const rerun = await publishCli(out, persist);
  let stdout = '';
  rerun.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const code = await new Promise<number | null>((r) => rerun.once('exit', (c) => r(c)));
  expect(code, stdout).toBe(0);
  const uploaded = Number(/objects\s+(\d+) uploaded/.exec(stdout)?.[1]);
  const skipped = Number(/(\d+) already there/.exec(stdout)?.[1]);
  expect(uploaded + skipped).toBe(2 * COUNT);
  expect(skipped).toBeGreaterThan(0);

  const target = await openTarget({ mode: 'local', config: join(repoRoot, 'wrangler.toml'), persistTo: persist });
  try {
    const rows = await target.readItems();
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
    expect(rows.every((r) => r.status === 'live')).toBe(true);
    // Every object once (keys are content addresses; an upload cut off by the kill left no listed object).
    expect((await target.listObjects!()).size).toBe(2 * COUNT);
  } finally {
    await target.close();
  }
});
