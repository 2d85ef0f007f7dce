// Test helper: writes the fixture catalogue and builds it with the real CLI (`clearance site`, in-process);
// sharedFixtureSite() builds each fixture once per test run and hands the same site to every file that asks.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';
import { writeFixtureCatalog } from '../support/fixture-catalog.js';
import { runInProcess } from '../support/run-cli.js';
import { CatalogRecord } from '../../pipeline/catalog/record.js';

export const tsxCli = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Set by the test run's global setup: the directory where fixture sites are built once and shared. */
export const SHARED_FIXTURES_ENV = 'TEST_SHARED_FIXTURES';

/** Runs `clearance site` in-process; rejects like execFile (an error carrying code, stdout and stderr). */
export async function clearanceSite(outDir: string, distDir: string, env: Record<string, string> = {}, args: string[] = []): Promise<{ stdout: string; stderr: string }> {
  const argv = ['site', outDir, '--dist', distDir, ...args];
  const r = await runInProcess(argv, env);
  if (r.code !== 0) throw Object.assign(new Error(`clearance ${argv.join(' ')} exited ${r.code}\n${r.stderr}`), r);
  return { stdout: r.stdout, stderr: r.stderr };
}

export interface FixtureSite {
  outDir: string;
  distDir: string;
  records: CatalogRecord[];
  stdout: string;
  /** Built once for the whole run and used by other files too: read it, never change or remove it. */
  shared?: boolean;
}

/** A fixture site of the test's own, in a new temp dir (the caller removes it). */
export async function buildFixtureSite(count = 30, env: Record<string, string> = {}, args: string[] = []): Promise<FixtureSite> {
  const root = await mkdtemp(join(tmpdir(), 'clearance-site-test-'));
  const outDir = join(root, 'out');
  const distDir = join(root, 'dist');
  const records = await writeFixtureCatalog(outDir, count);
  const { stdout } = await clearanceSite(outDir, distDir, env, args);
  return { outDir, distDir, records, stdout };
}

/** The fixture site for these arguments, built by the first test file of the run that asks for it (others wait) and
 *  shared; without the run's global setup, a site of the caller's own (as buildFixtureSite). */
export async function sharedFixtureSite(count = 30, env: Record<string, string> = {}, args: string[] = []): Promise<FixtureSite> {
  const root = process.env[SHARED_FIXTURES_ENV];
  if (!root) return buildFixtureSite(count, env, args);
  const key = createHash('sha256').update(JSON.stringify([count, Object.entries(env).sort(), args])).digest('hex').slice(0, 16);
  const dir = join(root, key);
  const [outDir, distDir, built, failed] = [join(dir, 'out'), join(dir, 'dist'), join(dir, 'built.json'), join(dir, 'failed.txt')];
  if (await claim(dir)) {
    try {
      await writeFixtureCatalog(outDir, count);
      const { stdout } = await clearanceSite(outDir, distDir, env, args);
      await writeFile(built, JSON.stringify({ stdout }));
    } catch (err) {
      await writeFile(failed, err instanceof Error ? (err.stack ?? err.message) : String(err));
      throw err;
    }
  } else {
    const deadline = Date.now() + 280_000;
    while (!existsSync(built)) {
      if (existsSync(failed)) throw new Error(`fixture site ${JSON.stringify({ count, env, args })} failed to build in another test file:\n${await readFile(failed, 'utf8')}`);
      if (Date.now() > deadline) throw new Error(`fixture site ${JSON.stringify({ count, env, args })}: still not built in ${dir}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const { stdout } = JSON.parse(await readFile(built, 'utf8')) as { stdout: string };
  const lines = (await readFile(join(outDir, 'catalog.jsonl'), 'utf8')).split('\n').filter(Boolean);
  return { outDir, distDir, records: lines.map((l) => CatalogRecord.parse(JSON.parse(l))), stdout, shared: true };
}

/** True for the one caller that creates `dir` (and so builds into it). */
async function claim(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}
