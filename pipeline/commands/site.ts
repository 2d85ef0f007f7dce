// `clearance site <out-dir> [--dist <dir>] [--api-base <url>] [--pages …] [--part-size N] [--jobs N] [--index-from …]`: gallery + index.
import { CliError } from '../util/cli-error.js';
import { buildSite } from '../../site/generator/build-site.js';
import { parseArgsOrExplain } from '../util/parse-args.js';
import { apiBase, debug } from '../util/config.js';

const USAGE =
  'usage: clearance site <out-dir> [--dist <dir>] [--api-base <url>] [--pages auto|assets|r2] [--max-assets N] [--part-size N] [--jobs N] [--index-from records|html]';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        dist: { type: 'string' },
        'api-base': { type: 'string' },
        'part-size': { type: 'string' },
        jobs: { type: 'string' },
        'index-from': { type: 'string' },
        pages: { type: 'string' },
        'max-assets': { type: 'string' },
        verbose: { type: 'boolean' },
      },
    },
    USAGE,
  );
  const [outDir, extra] = parsed.positionals;
  if (!outDir || extra) throw new CliError(USAGE);
  const partSize = positiveInt(parsed.values['part-size'], '--part-size');
  const jobs = positiveInt(parsed.values.jobs, '--jobs');
  const indexFrom = parsed.values['index-from'];
  if (indexFrom !== undefined && indexFrom !== 'records' && indexFrom !== 'html') throw new CliError('--index-from must be records or html');
  const pages = parsed.values.pages;
  if (pages !== undefined && pages !== 'auto' && pages !== 'assets' && pages !== 'r2') throw new CliError('--pages must be auto, assets or r2');
  const maxAssets = positiveInt(parsed.values['max-assets'], '--max-assets');
  let stats;
  try {
    stats = await buildSite({
      outDir,
      distDir: parsed.values.dist,
      apiBase: parsed.values['api-base'] ?? apiBase(),
      verbose: parsed.values.verbose ?? false,
      partSize,
      jobs,
      indexFrom,
      pages,
      maxAssets,
    });
  } catch (err) {
    if (debug()) console.error(err);
    throw new CliError(`site build failed: ${(err as Error).message}`, 1);
  }
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `site: ${stats.records} records, ${stats.pages} pages, ${stats.thumbs} thumbnails, ` +
      `${stats.indexed} records indexed in ${stats.indexParts} part${stats.indexParts === 1 ? '' : 's'} in ${s(stats.ms.total)} s ` +
      `(assets ${s(stats.ms.assets)} s, read ${s(stats.ms.read)} s, pages ${s(stats.ms.pages)} s, index ${s(stats.ms.index)} s, thumbnails and swap ${s(stats.ms.finish)} s) → ${stats.distDir}`,
  );
  console.log(
    stats.pagesIn === 'r2'
      ? `site: ${stats.assets} static assets; the item pages are left out of them: upload them with \`clearance publish <out-dir> --site ${stats.distDir}\``
      : `site: ${stats.assets} static assets (item pages included)`,
  );
  return 0;
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive integer`);
  return n;
}
