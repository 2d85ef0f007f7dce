// Smoke tests of the real executable: `node pipeline/bin.mjs` and `tsx pipeline/cli.ts` in child processes exit and
// print exactly as the in-process run() the other tests use.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/shared.js';
import { captureOutput } from '../../../pipeline/util/capture-output.js';
import { removeTempDirs, runCli, spawnCli, tempDir } from '../support/cli.js';

let root: string;
beforeAll(async () => {
  root = await tempDir();
});
afterAll(removeTempDirs);

const spawned = new Map<string, ReturnType<typeof captureOutput>>();
/** `node pipeline/bin.mjs <args>`, spawned once per argument list. */
const bin = (args: string[]) => {
  const key = JSON.stringify(args);
  if (!spawned.has(key)) spawned.set(key, captureOutput(spawnCli(args)));
  return spawned.get(key)!;
};

describe('pipeline/bin.mjs', () => {
  it('prints the usage: exit 0 when asked, 2 when no command is given', async () => {
    const help = await bin(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^usage: clearance <command> \[options\]\n/);
    expect(help.stdout).toMatch(/^ {2}site <out-dir>/m);
    const none = await bin([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });

  it('exits with the code of a failing command and one line on stderr', async () => {
    const unknown = await bin(['nope']);
    expect(unknown).toEqual({ code: 2, stdout: '', stderr: 'clearance: unknown command "nope" (try: clearance --help)\n' });
    const site = await bin(['site', join(root, 'nothing')]);
    expect(site.code).toBe(1);
    expect(site.stderr).toBe(`clearance: site build failed: no catalog.jsonl in ${join(root, 'nothing')} (run \`clearance build\` first)\n`);
  });

  it('gives the same code, stdout and stderr as run() in-process', async () => {
    for (const args of [['--help'], [], ['nope'], ['site', join(root, 'nothing')], ['merge', '--bogus']]) {
      const [child, inProcess] = [await bin(args), await runCli(args)];
      expect(inProcess, args.join(' ')).toEqual(child);
    }
  });

  it('runs as `tsx pipeline/cli.ts` too (the npm scripts)', async () => {
    const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, 'pipeline/cli.ts', '--help'], { cwd: repoRoot });
    expect(stdout).toMatch(/^usage: clearance <command>/);
    const failed = await promisify(execFile)(process.execPath, [tsx, 'pipeline/cli.ts', 'nope'], { cwd: repoRoot }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2, stderr: 'clearance: unknown command "nope" (try: clearance --help)\n' });
  });
});
