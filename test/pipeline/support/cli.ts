// Runs the `clearance` CLI for pipeline tests (in-process: runCli; a child process: spawnCli, the real executable, or
// spawnBundledCli, the same CLI bundled once per run) and makes temp dirs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCli } from '../../support/bundled.js';
import { repoRoot } from '../../support/shared.js';
import { runInProcess } from '../../support/run-cli.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Tests of the build backbone run without the safety models (their own tests cover them). */
export const TEST_ENV = { CLEARANCE_SAFETY: 'off' };

/** `node pipeline/bin.mjs <args>` as a child process: the real executable (smoke tests of it). */
export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawnNode(join(repoRoot, 'pipeline/bin.mjs'), args, env);
}

/** `clearance <args>` as a child process started from the run's bundle of the CLI (test/support/bundled.ts): for
 *  tests that need a process of its own, to kill it at a deadline or mid-run, and not the executable's own loading. */
export async function spawnBundledCli(args: string[], env: Record<string, string> = {}): Promise<ChildProcess> {
  return spawnNode(await bundledCli(), args, env);
}

function spawnNode(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `clearance <args>` run in this process (the run() the bin calls; output captured, env laid over process.env). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runInProcess(args, { ...TEST_ENV, ...env });
}

const made: string[] = [];

export async function tempDir(prefix = 'clearance-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every temp dir this test file made (use in afterAll). */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function readJsonl<T = Record<string, unknown>>(path: string): Promise<T[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

export interface DecisionLine {
  id: string;
  status: string;
  reasons: { code: string; detail: string }[];
}
