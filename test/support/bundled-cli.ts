// The CLI bundled once per test run for tests that must spawn it (to kill it at a deadline, SIGKILL it mid-publish):
// one esbuild bundle of pipeline/cli.ts started with plain `node`, instead of tsx resolving and loading ~300 modules
// through its loader in every child (~1.1 CPU-s before a build starts, ~0.4 bundled). Same source, same run(): only
// the loading differs; test/pipeline/commands/bin.test.ts keeps spawning the real pipeline/bin.mjs and tsx.
import { mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { buildOnce } from './build-once.js';
import { repoRoot } from './shared.js';

/** What pipeline/bin.mjs does once tsx is registered. */
const ENTRY = "import { run } from './cli.ts';\nprocess.exitCode = await run(process.argv.slice(2));\n";

let own: Promise<string> | undefined;

/** Path of the bundled CLI (`node <it> <args>` is `clearance <args>`), built by the run's first caller (or this
 *  process's, without the run's global setup). */
export async function bundledCli(): Promise<string> {
  const shared = await buildOnce('bundled-cli', bundle);
  if (shared) return join(shared, 'cli.mjs');
  own ??= mkdtemp(join(tmpdir(), 'clearance-cli-')).then(async (dir) => {
    await bundle(dir);
    return join(dir, 'cli.mjs');
  });
  return own;
}

/** Each source file keeps its own import.meta (its folder, its URL): the pipeline finds data files, worker entries,
 *  the site's sources and packages (createRequire) relative to the module that asks. */
const ownImportMeta: Plugin = {
  name: 'own-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js' };
    });
  },
};

async function bundle(dir: string): Promise<void> {
  await build({
    stdin: { contents: ENTRY, resolveDir: join(repoRoot, 'pipeline'), sourcefile: 'bin.mjs', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // packages load from the repository's node_modules as they do under tsx (native addons, data files beside them)
    packages: 'external',
    // a chunk per command (cli.ts imports each lazily): a child loads the packages its command uses, not every one's
    splitting: true,
    outdir: dir,
    entryNames: 'cli',
    outExtension: { '.js': '.mjs' },
    plugins: [ownImportMeta],
    logLevel: 'error',
  });
  // bare imports in the bundle resolve from its folder up: give it the repository's packages
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
}
