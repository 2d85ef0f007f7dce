// Runs `clearance <args>` in-process (the run() pipeline/bin.mjs calls) and returns its output; a failure throws with it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';
import { needsChild, runInProcess } from '../support/run-cli.js';
import { captureOutput } from '../../pipeline/util/capture-output.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function clearance(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = needsChild(env) ? await captureOutput(spawnBin(args, env)) : await runInProcess(args, env);
  if (result.code !== 0) throw new Error(`clearance ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

function spawnBin(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, [join(repoRoot, 'pipeline', 'bin.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
