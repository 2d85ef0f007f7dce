// Test helper: writes the fixture catalogue and builds it with the real CLI (`clearance site`), one build at a time.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/shared.js';
import { writeFixtureCatalog } from '../support/fixture-catalog.js';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';

const run = promisify(execFile);
export const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Runs `clearance site` (serialised with flock: Astro writes site/.astro, shared by parallel test files). */
export async function clearanceSite(outDir: string, distDir: string, env: Record<string, string> = {}, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return run('flock', [join(tmpdir(), 'clearance-site-build.lock'), process.execPath, tsxCli, 'pipeline/cli.ts', 'site', outDir, '--dist', distDir, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface FixtureSite {
  outDir: string;
  distDir: string;
  records: CatalogRecord[];
  stdout: string;
}

export async function buildFixtureSite(count = 30, env: Record<string, string> = {}, args: string[] = []): Promise<FixtureSite> {
  const root = await mkdtemp(join(tmpdir(), 'clearance-site-test-'));
  const outDir = join(root, 'out');
  const distDir = join(root, 'dist');
  const records = await writeFixtureCatalog(outDir, count);
  const { stdout } = await clearanceSite(outDir, distDir, env, args);
  return { outDir, distDir, records, stdout };
}
