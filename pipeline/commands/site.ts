// `clearance site <out-dir> [--dist <dir>] [--api-base <url>] [--shard-size N] [--jobs N] [--index-from records|html]`: gallery + index.
import { CliError } from '../util/cli-error.js';
import { buildSite } from '../site/build-site.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

const USAGE = 'usage: clearance site <out-dir> [--dist <dir>] [--api-base <url>] [--shard-size N] [--jobs N] [--index-from records|html]';

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        dist: { type: 'string' },
        'api-base': { type: 'string' },
        'shard-size': { type: 'string' },
        jobs: { type: 'string' },
        'index-from': { type: 'string' },
        verbose: { type: 'boolean' },
      },
    },
    USAGE,
  );
  const [outDir, extra] = parsed.positionals;
  if (!outDir || extra) throw new CliError(USAGE);
  const shardSize = positiveInt(parsed.values['shard-size'], '--shard-size');
  const jobs = positiveInt(parsed.values.jobs, '--jobs');
  const indexFrom = parsed.values['index-from'];
  if (indexFrom !== undefined && indexFrom !== 'records' && indexFrom !== 'html') throw new CliError('--index-from must be records or html');
  let stats;
  try {
    stats = await buildSite({
      outDir,
      distDir: parsed.values.dist,
      apiBase: parsed.values['api-base'] ?? process.env.CLEARANCE_API_BASE,
      verbose: parsed.values.verbose ?? false,
      shardSize,
      jobs,
      indexFrom,
    });
  } catch (err) {
    if (process.env.CLEARANCE_DEBUG) console.error(err);
    throw new CliError(`site build failed: ${(err as Error).message}`, 1);
  }
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `site: ${stats.records} records, ${stats.pages} pages in ${stats.shards} Astro build${stats.shards === 1 ? '' : 's'}, ${stats.thumbs} thumbnails, ` +
      `${stats.indexed} records indexed (${(stats.indexBytes / 1024).toFixed(0)} KB index) in ${s(stats.ms.total)} s ` +
      `(astro done at ${s(stats.ms.astro)} s, index at ${s(stats.ms.pagefind)} s, thumbnails ${s(stats.ms.thumbs)} s) → ${stats.distDir}`,
  );
  return 0;
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive integer`);
  return n;
}
