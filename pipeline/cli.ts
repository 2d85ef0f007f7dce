// The one entry point: `clearance <command> [args]`, dispatching to pipeline/commands/<command>.ts; run() is the
// same in-process.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError } from './util/cli-error.js';
import { withIo, type CliIo } from './util/cli-io.js';

interface Command {
  summary: string;
  load: () => Promise<{ run(argv: string[]): Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  sample: { summary: 'sample <dir> [--count N]            write the generated sample release', load: () => import('./commands/sample.js') },
  build: { summary: 'build <release-dir> --out <dir> [--previous <dir>] [--concurrency N] [--cache <dir>] [--force] [--quiet] [--shard k/N]', load: () => import('./commands/build.js') },
  merge: { summary: 'merge <shard-out-dir>... --out <dir> [--previous <dir>] [--quiet]   combine the outputs of `build --shard k/N` into one', load: () => import('./commands/merge.js') },
  'fetch-signals': { summary: 'fetch-signals <release-dir> [--pages] [--base-url T] [--registry | --registry-url URL]   refresh ai.txt / robots.txt / TDM-Rep caches, landing pages and the registry snapshot', load: () => import('./commands/fetch-signals.js') },
  site: { summary: 'site <out-dir> [--dist <dir>]         build the static gallery and its Pagefind index', load: () => import('./commands/site.js') },
  export: { summary: 'export <out-dir> --to <dir> [--shard-bytes N] [--rows-per-file N] [--url U] [--force]   parquet metadata, WebDataset shards, dataset card, Croissant, SHA256SUMS', load: () => import('./commands/export.js') },
  publish: { summary: 'publish <out-dir> --local | --remote  apply a release to D1 and R2', load: () => import('./commands/publish.js') },
  pull: { summary: 'pull <release-dir> --local | --remote   moderators\' decisions and withdrawals from D1 into the release', load: () => import('./commands/pull.js') },
  prune: { summary: 'prune <manifest> --feed <url> [--delete <dir>] [--out <file>] [--since <cursor>] [--dry-run]   drop withdrawn items from a downloaded copy', load: () => import('./commands/prune.js') },
  admin: { summary: 'admin <plans|accounts|keys|roles> …   manage accounts, plans and keys', load: () => import('./commands/admin.js') },
  start: { summary: 'start [--release <dir> | --count N]   demo release (or the generated sample) → build → site → publish --local → wrangler dev', load: () => import('./commands/start.js') },
};

function usage(): string {
  return ['usage: clearance <command> [options]', '', 'commands:', ...Object.values(COMMANDS).map((c) => `  ${c.summary}`)].join('\n');
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}" (try: clearance --help)`);
  const mod = await command.load();
  return mod.run(rest);
}

/** Runs `clearance <argv>` and resolves with its exit code: a CliError prints one line and exits with its code, any
 *  other error prints its stack and exits 70. With `io`, the run's output goes there instead of this process's
 *  stdout/stderr (tests run commands in-process this way); the caller owns the exit code either way. */
export async function run(argv: string[], io?: CliIo): Promise<number> {
  const go = async (): Promise<number> => {
    try {
      return await dispatch(argv);
    } catch (err) {
      if (err instanceof CliError) {
        console.error(`clearance: ${err.message}`);
        return err.exitCode;
      }
      console.error(`clearance: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return 70;
    }
  };
  return io ? withIo(io, go) : go();
}

/** True when this file is the program (`tsx pipeline/cli.ts …`); bin.mjs and tests import it and call run() themselves. */
function isProgram(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
