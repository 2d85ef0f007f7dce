// Runs the project's pinned wrangler CLI as a child process and collects its output (injectable for tests).
import { captureOutput } from '../util/capture-output.js';
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
  captureOutput(
    spawn(process.execPath, [wranglerBin(), ...args], {
      env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
