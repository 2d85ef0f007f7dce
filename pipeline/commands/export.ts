// `clearance export <out-dir> --to <dir>`: parquet metadata, WebDataset shards, dataset card, Croissant, SHA256SUMS.
import { resolve } from 'node:path';
import { runExport } from '../export/export.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

function positiveInt(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new CliError(`--${name} must be a positive whole number (got "${value}")`);
  return Number(value);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrExplain({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      'shard-bytes': { type: 'string', default: String(1e9) },
      'rows-per-file': { type: 'string', default: '100000' },
      url: { type: 'string' },
      force: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const [out, ...extra] = positionals;
  if (!out || extra.length) throw new CliError('usage: clearance export <out-dir> --to <dir> [--shard-bytes N] [--rows-per-file N] [--url U] [--force]');
  if (!values.to) throw new CliError('--to <dir> is required: the directory the export is written to');
  const rowsPerFile = positiveInt('rows-per-file', values['rows-per-file']);
  if (rowsPerFile > 100_000) throw new CliError('--rows-per-file is at most 100000');
  const started = Date.now();
  const s = await runExport({
    out: resolve(out),
    to: resolve(values.to),
    shardBytes: positiveInt('shard-bytes', values['shard-bytes']),
    rowsPerFile,
    force: values.force,
    progress: process.stderr.isTTY === true && !values.quiet,
    url: values.url,
  });
  const bytes = s.files.reduce((a, f) => a + f.bytes, 0);
  console.log(`clearance export: ${s.rows} items → ${values.to}: ${s.parquet.length} parquet file(s), ${s.shards.length} shard(s), ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
