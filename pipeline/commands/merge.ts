// `clearance merge <shard-out-dir>... --out <dir> [--previous <dir>] [--quiet]`: one output from the shards of one release.
import { runMerge } from '../runner/merge-shards.js';
import { summaryTable } from '../runner/progress.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

const USAGE = 'usage: clearance merge <shard-out-dir>... --out <dir> [--previous <dir>] [--quiet]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        previous: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new CliError(`expected the output directories of \`clearance build --shard k/N\` (${USAGE})`);
  if (!values.out) throw new CliError(`--out <dir> is required (${USAGE})`);
  const report = await runMerge({
    shardDirs: positionals,
    out: values.out,
    previous: values.previous,
    progress: process.stderr.isTTY === true && !values.quiet,
  });
  if (!values.quiet) console.log(summaryTable(report, values.out));
  return 0;
}
