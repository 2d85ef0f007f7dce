// A build killed with SIGKILL leaves the previous output byte-for-byte intact; the next run cleans up and succeeds.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverOutput } from '../../../pipeline/runner/output-dir.js';
import { runCli, spawnBundledCli, tempDir, removeTempDirs } from '../support/cli.js';

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const out: Record<string, string> = {};
  for (const f of files) {
    const p = join(f.parentPath, f.name);
    out[p.slice(dir.length)] = createHash('sha256').update(await readFile(p)).digest('hex');
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let release: string;

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  const s = await runCli(['sample', release, '--count', '60']);
  expect(s.code, s.stderr).toBe(0);
});

afterAll(removeTempDirs);

describe('atomic output', () => {
  it('keeps the previous output intact when a build is killed mid-run', async () => {
    const out = join(root, 'out');
    const first = await runCli(['build', release, '--out', out, '--cache', join(root, 'cache-a')]);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);
    expect(Object.keys(before).length).toBeGreaterThan(10);

    // A cold cache (and --force past the up-to-date check) makes the second build slow enough to kill mid-run.
    const child = await spawnBundledCli(['build', release, '--out', out, '--cache', join(root, 'cache-b'), '--concurrency', '1', '--force']);
    const exited = new Promise((r) => child.on('exit', r));
    let tmp: string | undefined;
    for (let i = 0; i < 600 && !tmp; i++) {
      await sleep(25);
      tmp = (await readdir(root)).find((n) => n.startsWith('.out.tmp-'));
    }
    expect(tmp, 'the build created its temp dir').toBeDefined();
    for (let i = 0; i < 400; i++) {
      const files = await readdir(join(root, tmp!, 'files'), { recursive: true }).catch(() => [] as string[]);
      if (files.length > 4) break;
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exited;
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(root)).some((n) => n.startsWith('.out.tmp-'))).toBe(true);

    const next = await runCli(['build', release, '--out', out, '--cache', join(root, 'cache-a')]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/removed \.out\.tmp-/);
    expect((await readdir(root)).filter((n) => n.startsWith('.out.'))).toEqual([]);
    expect((await snapshot(out))['/decisions.jsonl']).toBe(before['/decisions.jsonl']);
  });

  it('puts back an output that a run killed between its two renames left renamed away', async () => {
    const dir = await tempDir();
    const out = join(dir, 'out');
    await mkdir(join(dir, '.out.old-999999-1'));
    await writeFile(join(dir, '.out.old-999999-1', 'decisions.jsonl'), 'previous\n');
    const notes = await recoverOutput(out);
    expect(notes.join(' ')).toMatch(/restored/);
    expect(await readFile(join(out, 'decisions.jsonl'), 'utf8')).toBe('previous\n');
    expect(await readdir(dir)).toEqual(['out']);
  });
});
