// A downloaded collection manifest (the edge's JSON Lines, CSV or Parquet): its items' ids and hashes, and writing it
// back without some of them, in the same format (JSON Lines and CSV keep every other line byte for byte).
import { readFile } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { CliError } from '../util/cli-error.js';
import { parseCsv, unguard } from './csv.js';

export type ManifestFormat = 'jsonl' | 'csv' | 'parquet';

export interface ManifestItem {
  id: string;
  /** The manifest's sha256 and, when it has one, sourceSha256 (lower-case hex). */
  hashes: string[];
}

export interface Manifest {
  format: ManifestFormat;
  items: ManifestItem[];
  /** The manifest's bytes without the items whose index is in `drop`. */
  without(drop: ReadonlySet<number>): Promise<Buffer>;
}

const hex = (v: unknown): string[] => (typeof v === 'string' && /^[0-9a-f]{64}$/i.test(v) ? [v.toLowerCase()] : []);

function formatOf(path: string, head: Buffer): ManifestFormat {
  if (head.subarray(0, 4).toString() === 'PAR1') return 'parquet';
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(path)) return 'jsonl';
  return head.toString('utf8').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

function readJsonl(path: string, text: string): Manifest {
  const lines = text.split('\n');
  const items: ManifestItem[] = [];
  const lineOf: number[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new CliError(`${path}:${i + 1}: not JSON (is this a collection manifest?)`);
    }
    if (typeof row.id !== 'string') throw new CliError(`${path}:${i + 1}: no "id" (is this a collection manifest?)`);
    items.push({ id: row.id, hashes: [...hex(row.sha256), ...hex(row.sourceSha256)] });
    lineOf.push(i);
  });
  return {
    format: 'jsonl',
    items,
    async without(drop) {
      const gone = new Set([...drop].map((k) => lineOf[k]));
      return Buffer.from(lines.filter((_, i) => !gone.has(i)).join('\n'));
    },
  };
}

function readCsv(path: string, text: string): Manifest {
  let records;
  try {
    records = parseCsv(text);
  } catch (err) {
    throw new CliError(`${path}: not CSV (${(err as Error).message})`);
  }
  const [header, ...rows] = records;
  const col = (name: string) => header?.fields.indexOf(name) ?? -1;
  if (!header || col('id') < 0) throw new CliError(`${path}: no "id" column in its header (is this a collection manifest?)`);
  const [id, sha, src] = [col('id'), col('sha256'), col('sourceSha256')];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    format: 'csv',
    items: rows.map((r) => ({ id: unguard(r.fields[id] ?? ''), hashes: [...hex(r.fields[sha]), ...hex(r.fields[src])] })),
    async without(drop) {
      const kept = [header, ...rows.filter((_, i) => !drop.has(i))];
      return Buffer.from(kept.map((r) => r.raw + eol).join(''));
    },
  };
}

async function readParquet(path: string): Promise<Manifest> {
  const file = await asyncBufferFromFile(path);
  let metadata;
  let rows: Record<string, unknown>[];
  try {
    metadata = await parquetMetadataAsync(file);
    rows = (await parquetReadObjects({ file, metadata })) as Record<string, unknown>[];
  } catch (err) {
    throw new CliError(`${path}: not a readable Parquet file (${(err as Error).message})`);
  }
  const columns = metadata.schema.slice(1).map((s) => s.name);
  if (!columns.includes('id')) throw new CliError(`${path}: no "id" column (is this a collection manifest?)`);
  return {
    format: 'parquet',
    items: rows.map((r) => ({ id: String(r.id), hashes: [...hex(r.sha256), ...hex(r.sourceSha256)] })),
    async without(drop) {
      const kept = rows.filter((_, i) => !drop.has(i));
      // The original schema, so every column keeps its type (e.g. INT64 sizes and prices).
      const buffer = parquetWriteBuffer({ schema: metadata.schema, columnData: columns.map((name) => ({ name, data: kept.map((r) => r[name] ?? null) })) });
      return Buffer.from(buffer);
    },
  };
}

export async function readManifest(path: string): Promise<Manifest> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    throw new CliError(`cannot read the manifest ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const format = formatOf(path, data.subarray(0, 64));
  if (format === 'parquet') return readParquet(path);
  const text = data.toString('utf8').replace(/^\uFEFF/, '');
  return format === 'jsonl' ? readJsonl(path, text) : readCsv(path, text);
}
