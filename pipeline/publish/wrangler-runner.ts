// Runs the project's pinned wrangler CLI as a child process and collects its output (injectable for tests).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type WranglerRunner = (args: string[]) => Promise<RunResult>;

/** Path of wrangler's executable script inside node_modules. */
export function wranglerBin(): string {
  return createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
}

export const runWrangler: WranglerRunner = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerBin(), ...args], {
      env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
