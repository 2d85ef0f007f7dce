// `clearance site <out-dir> [--dist <dir>] [--api-base <url>] [--verbose]`: builds the static gallery and its search index.
import { parseArgs } from 'node:util';
import { CliError } from '../util/cli-error.js';
import { buildSite } from '../site/build-site.js';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dist: { type: 'string' }, 'api-base': { type: 'string' }, verbose: { type: 'boolean' } },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nusage: clearance site <out-dir> [--dist <dir>] [--api-base <url>]`);
  }
  const [outDir, extra] = parsed.positionals;
  if (!outDir || extra) throw new CliError('usage: clearance site <out-dir> [--dist <dir>] [--api-base <url>]');
  let stats;
  try {
    stats = await buildSite({
      outDir,
      distDir: parsed.values.dist,
      apiBase: parsed.values['api-base'] ?? process.env.CLEARANCE_API_BASE,
      verbose: parsed.values.verbose ?? false,
    });
  } catch (err) {
    if (process.env.CLEARANCE_DEBUG) console.error(err);
    throw new CliError(`site build failed: ${(err as Error).message}`, 1);
  }
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `site: ${stats.pages} pages, ${stats.thumbs} thumbnails, ${stats.indexed} pages indexed (${(stats.indexBytes / 1024).toFixed(0)} KB index) ` +
      `in ${s(stats.ms.total)} s (astro ${s(stats.ms.astro)} s, thumbnails ${s(stats.ms.thumbs)} s, pagefind ${s(stats.ms.pagefind)} s) → ${stats.distDir}`,
  );
  return 0;
}
