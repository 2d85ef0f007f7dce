// Sources bundled once per test run with esbuild, for processes and threads that would otherwise load them through tsx
// (resolving and loading every module through its loader). bundledCli(): the CLI, for tests that must spawn it (to
// kill it at a deadline, SIGKILL it mid-publish), started with plain `node` (a 4-item build child: 1.6 CPU-s under
// tsx, 0.8 bundled); same source, same run(), only the loading differs; test/pipeline/commands/bin.test.ts keeps
// spawning the real pipeline/bin.mjs and tsx. bundledModule(): one TypeScript module alone, for worker threads.
import { createHash } from 'node:crypto';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fixtureDir } from './build-once.js';
import { repoRoot } from './shared.js';

/** What pipeline/bin.mjs does once tsx is registered. */
const ENTRY = "import { run } from './cli.ts';\nprocess.exitCode = await run(process.argv.slice(2));\n";

/** Path of the bundled CLI (`node <it> <args>` is `clearance <args>`), built by the run's first caller (or this
 *  process's, without the run's global setup). */
export async function bundledCli(): Promise<string> {
  return join(await fixtureDir('bundled-cli', bundle), 'cli.mjs');
}

/** Path of `entry` (a .ts module of this repository) bundled into one ES module that plain Node imports, built once per
 *  run (or per process without the run's global setup); packages stay imports of the repository's node_modules. */
export async function bundledModule(entry: string): Promise<string> {
  const name = `bundled-${basename(entry).replace(/\W/g, '-')}-${createHash('sha256').update(entry).digest('hex').slice(0, 12)}`;
  const one = async (dir: string): Promise<void> => {
    await build({ ...COMMON, entryPoints: [entry], outfile: join(dir, 'module.mjs') });
    await linkPackages(dir);
  };
  return join(await fixtureDir(name, one), 'module.mjs');
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

/** What every bundle here shares: Node's ES modules, packages left to the repository's node_modules as under tsx
 *  (native addons, data files beside them), each file's own import.meta. */
const COMMON: BuildOptions = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', plugins: [ownImportMeta], logLevel: 'error' };

async function bundle(dir: string): Promise<void> {
  await build({
    ...COMMON,
    stdin: { contents: ENTRY, resolveDir: join(repoRoot, 'pipeline'), sourcefile: 'bin.mjs', loader: 'ts' },
    // a chunk per command (cli.ts imports each lazily): a child loads the packages its command uses, not every one's
    splitting: true,
    outdir: dir,
    entryNames: 'cli',
    outExtension: { '.js': '.mjs' },
  });
  await linkPackages(dir);
}

/** Bare imports in a bundle resolve from its folder up: give it the repository's packages. */
async function linkPackages(dir: string): Promise<void> {
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }\n');
}
