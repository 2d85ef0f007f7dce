// Runs the Astro build of the gallery's static parts (about pages, page shells, client bundles) in a child process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { captureOutput } from '../../pipeline/util/capture-output.js';

export interface AstroBuildOptions {
  outDir: string;
  cacheDir: string;
  env: Record<string, string>;
  verbose: boolean;
  /** Stops the build (when the rest of the site build failed). */
  signal?: AbortSignal;
}

export async function astroBuild(opts: AstroBuildOptions): Promise<void> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'astro-child.mjs'), opts.outDir, opts.cacheDir, ...(opts.verbose ? ['--verbose'] : [])], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', opts.verbose ? 'inherit' : 'ignore', 'pipe'],
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (opts.verbose) child.stderr?.pipe(process.stderr);
  const { code, stderr } = await captureOutput(child);
  if (code !== 0) throw new Error(`astro build failed: ${stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`}`);
}
