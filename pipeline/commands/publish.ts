// `clearance publish <out-dir> --local | --remote [--persist-to <dir>] [--config <wrangler.toml>] [--site <dist>] [--export <dir>]`: a release to D1 and R2.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgsOrExplain } from '../util/parse-args.js';
import { CliError } from '../util/cli-error.js';
import { openTarget } from '../publish/open-target.js';
import { assertOutDir } from '../publish/out-dir.js';
import { formatSummary, publish } from '../publish/publish.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrExplain({
    args: argv,
    allowPositionals: true,
    options: {
      local: { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
      config: { type: 'string' },
      site: { type: 'string' },
      export: { type: 'string' },
    },
  });
  const [outDir, ...extra] = positionals;
  if (!outDir || extra.length) throw new CliError('usage: clearance publish <out-dir> --local | --remote [--persist-to <dir>] [--config <wrangler.toml>] [--site <dist>] [--export <export-dir>]');
  if (values.local === values.remote) throw new CliError('say where to publish: --local or --remote');
  if (values.remote && values['persist-to']) throw new CliError('--persist-to only applies to --local');
  assertOutDir(outDir);
  const site = values.site;
  if (site !== undefined && !existsSync(join(site, 'index.html'))) throw new CliError(`--site ${site}: no built site there (run \`clearance site\` first)`);
  if (values.export !== undefined && !existsSync(join(values.export, 'export.json'))) throw new CliError(`--export ${values.export}: no export.json there (write one with \`clearance export\`)`);
  const target = await openTarget({ mode: values.remote ? 'remote' : 'local', config: values.config, persistTo: values['persist-to'] });
  // Stop Miniflare's workerd on SIGINT/SIGTERM too (a re-run finishes the job: publish is idempotent).
  let stopping = false;
  const interrupted = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`\npublish interrupted (${signal}); run the same command again to finish`);
    void target.close().finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    const summary = await publish(outDir, target, (line) => console.log(line), site === undefined ? {} : { siteDir: site });
    console.log(formatSummary(summary));
    if (values.export !== undefined) {
      const up = await (await import('../publish/export-upload.js')).uploadExport(values.export, target);
      console.log(`export ${up.release}: ${up.uploaded} metadata file(s) → exports/${up.release}/ (${up.skippedShards} image shard(s) not uploaded: images stay metered)`);
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await target.close();
  }
  return 0;
}
