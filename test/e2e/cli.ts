// Runs `clearance <args>` as users do (node pipeline/bin.mjs) and returns its output; a failure throws with the output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';
import { captureOutput } from '../../pipeline/util/capture-output.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function clearance(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, [join(repoRoot, 'pipeline', 'bin.mjs'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = await captureOutput(child);
  if (result.code !== 0) throw new Error(`clearance ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}
