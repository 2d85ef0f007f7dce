// Runs `clearance <args>` as users do (node pipeline/bin.mjs) and returns its output; a failure throws with the output.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function clearance(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'pipeline', 'bin.mjs'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = { code: code ?? 1, stdout, stderr };
      if (result.code !== 0) reject(new Error(`clearance ${args.join(' ')} exited ${result.code}\n${stdout}\n${stderr}`));
      else resolve(result);
    });
  });
}
