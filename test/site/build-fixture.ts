// Test helper: writes the fixture catalogue and builds it with the real CLI (`clearance site`, in-process);
// sharedFixtureSite() builds each fixture once per test run and hands the same site to every file that asks.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureCatalog } from '../support/fixture-catalog.js';
import { runInProcess } from '../support/run-cli.js';
import { buildOnce } from '../support/build-once.js';
import { CatalogRecord } from '../../pipeline/catalog/record.js';

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
  const key = createHash('sha256').update(JSON.stringify([count, Object.entries(env).sort(), args])).digest('hex').slice(0, 16);
  const dir = await buildOnce(`site-${key}`, async (d) => {
    await writeFixtureCatalog(join(d, 'out'), count);
    const { stdout } = await clearanceSite(join(d, 'out'), join(d, 'dist'), env, args);
    await writeFile(join(d, 'built.json'), JSON.stringify({ stdout }));
  });
  if (!dir) return buildFixtureSite(count, env, args);
  const { stdout } = JSON.parse(await readFile(join(dir, 'built.json'), 'utf8')) as { stdout: string };
  const lines = (await readFile(join(dir, 'out', 'catalog.jsonl'), 'utf8')).split('\n').filter(Boolean);
  return { outDir: join(dir, 'out'), distDir: join(dir, 'dist'), records: lines.map((l) => CatalogRecord.parse(JSON.parse(l))), stdout, shared: true };
}
