// `clearance build <release-dir> --out <dir> [--previous <dir>] [--concurrency N] [--cache <dir>] [--shard k/N]`
import { runBuild } from '../runner/run-build.js';
import { summaryTable } from '../runner/progress.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';
import { parseShard } from '../runner/shard.js';
import { exitDespiteAbandonedWork } from '../runner/stuck-work.js';

const USAGE = 'usage: clearance build <release-dir> --out <dir> [--previous <dir>] [--concurrency N] [--cache <dir>] [--force] [--quiet] [--shard k/N]';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        previous: { type: 'string' },
        concurrency: { type: 'string' },
        cache: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        force: { type: 'boolean' },
        shard: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`expected one release directory (${USAGE})`);
  if (!values.out) throw new CliError(`--out <dir> is required (${USAGE})`);
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError(`--concurrency must be a whole number ≥ 1, got "${values.concurrency}"`);
  }
  const shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  if (shard && values.previous) throw new CliError('--previous compares a whole release: pass it to `clearance merge`, not to a shard build');
  const report = await runBuild({
    releaseDir: positionals[0]!,
    out: values.out,
    previous: values.previous,
    concurrency,
    cacheDir: values.cache,
    progress: process.stderr.isTTY === true && !values.quiet,
    force: values.force,
    shard,
  });
  if (report.upToDate) console.log(`clearance build: ${values.out} is up to date (same inputs as its build of ${report.builtAt}; checked in ${report.checkMs} ms); --force rebuilds`);
  else if (!values.quiet) console.log(summaryTable(report, values.out));
  exitDespiteAbandonedWork(report);
  return 0;
}
