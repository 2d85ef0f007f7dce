// The Worker bundled once per test run (`wrangler deploy --dry-run`, the bytes a deploy uploads) and a wrangler config
// that serves it as is (no_bundle): end-to-end tests serve it with wrangler's dev server (test/support/dev-server.ts, or
// `wrangler dev --config <it>` in edge-dev and start.test.ts) instead of bundling the Worker again for every start
// (~0.8 CPU-s and 0.6 s each). `npm start`, the pull test and start.test.ts's busy-port case keep wrangler.toml.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runWrangler } from '../../pipeline/publish/wrangler-runner.js';
import { fixtureDir } from './build-once.js';
import { repoRoot } from './shared.js';

/** The Worker's entry: a one-line module that re-exports the bundle's default export. wrangler reads the entry with
 *  esbuild on every start to tell its format, ~0.3 CPU-s for the 2.6 MB bundle and nothing for this line; the bundle
 *  itself goes to workerd as is, as an additional module. */
const ENTRY = 'entry.js';
const BUNDLE_MODULE = 'find_additional_modules = true\nrules = [{ type = "ESModule", globs = ["index.js"] }]';

/** Path of the wrangler config for the prebuilt Worker (built by the first caller of the run, or of this process
 *  without the run's global setup). */
export async function prebuiltWorkerConfig(): Promise<string> {
  return join(await fixtureDir('prebuilt-worker', build), 'wrangler.toml');
}

async function build(dir: string): Promise<void> {
  const res = await runWrangler(['deploy', '--dry-run', '--outdir', join(dir, 'bundle'), '--config', join(repoRoot, 'wrangler.toml')]);
  if (res.code !== 0) throw new Error(`wrangler deploy --dry-run: ${res.stdout}\n${res.stderr}`);
  await writeFile(join(dir, 'bundle', ENTRY), "export { default } from './index.js';\n");
  const config = (await readFile(join(repoRoot, 'wrangler.toml'), 'utf8'))
    // the bundle instead of the source; paths that were relative to the repository made absolute
    .replace(/^main = .*$/m, `main = ${JSON.stringify(join(dir, 'bundle', ENTRY))}\nno_bundle = true\n${BUNDLE_MODULE}`)
    .replace(/^directory = "\.\/site\/dist"$/m, `directory = ${JSON.stringify(join(repoRoot, 'site', 'dist'))}`)
    .replace(/^migrations_dir = "edge\/migrations"$/m, `migrations_dir = ${JSON.stringify(join(repoRoot, 'edge', 'migrations'))}`)
    // the build step only makes sure site/dist exists: the tests pass their own --assets
    .replace(/^\[build\]\ncommand = .*\nwatch_dir = .*\n/m, '');
  for (const must of ['no_bundle = true', BUNDLE_MODULE, join(repoRoot, 'site', 'dist'), join(repoRoot, 'edge', 'migrations')]) {
    if (!config.includes(must)) throw new Error(`prebuilt Worker config: wrangler.toml changed shape (no ${must})`);
  }
  if (config.includes('[build]')) throw new Error('prebuilt Worker config: wrangler.toml changed shape ([build] left)');
  await writeFile(join(dir, 'wrangler.toml'), config);
}
