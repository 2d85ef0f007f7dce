// `clearance pull <release-dir> --local | --remote [--persist-to <dir>] [--config <wrangler.toml>]`: moderators' decisions
// and withdrawals from D1 into the release, for the next build to apply.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openReader } from '../pull/d1-reader.js';
import { formatPull, pullRelease } from '../pull/pull.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

const USAGE = 'usage: clearance pull <release-dir> --local | --remote [--persist-to <dir>] [--config <wrangler.toml>]';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        local: { type: 'boolean', default: false },
        remote: { type: 'boolean', default: false },
        'persist-to': { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [releaseDir, ...extra] = positionals;
  if (!releaseDir || extra.length) throw new CliError(USAGE);
  if (values.local === values.remote) throw new CliError('say where to pull from: --local or --remote');
  if (values.remote && values['persist-to']) throw new CliError('--persist-to only applies to --local');
  if (!existsSync(join(releaseDir, 'release.json'))) throw new CliError(`${releaseDir} has no release.json: pull writes into a release directory`);
  const reader = await openReader({ mode: values.remote ? 'remote' : 'local', config: values.config, persistTo: values['persist-to'] });
  try {
    console.log(formatPull(await pullRelease(releaseDir, reader), releaseDir));
  } finally {
    await reader.close();
  }
  return 0;
}
