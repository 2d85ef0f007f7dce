// `clearance export`: a build output → parquet metadata, WebDataset shards, dataset card, Croissant, SHA256SUMS.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import sharp from 'sharp';
import type { BuildReport } from '../runner/report.js';
import { JsonlReader } from '../runner/jsonl-reader.js';
import type { CatalogRecord } from '../catalog/index.js';
import { CliError } from '../util/cli-error.js';
import { renderCard } from './card.js';
import { renderCroissant, type ExportFile } from './croissant.js';
import { parquetBytes, parquetName } from './parquet.js';
import { keyOf, servedSha256, toRow, type ExportRow } from './row.js';
import { TarWriter } from './tar-writer.js';

export interface ExportOptions {
  out: string;
  to: string;
  shardBytes: number;
  rowsPerFile: number;
  force: boolean;
  progress: boolean;
  /** Where the export will be found (the Croissant `url`); default: the --to directory as a file: URL. */
  url?: string;
}

export interface ExportSummary {
  rows: number;
  parquet: ExportFile[];
  shards: ExportFile[];
  files: ExportFile[];
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** JSON of a row for `<key>.json`: bigints as numbers, the timestamp as ISO text. */
export const rowJson = (r: ExportRow): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));

async function decisionsOf(path: string): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  const reader = new JsonlReader<{ id: string; status: string; reasons: { code: string }[] }>(path);
  for (let d = await reader.next(); d; d = await reader.next()) if (d.status === 'accepted') map.set(d.id, d.reasons.map((r) => r.code));
  return map;
}

export async function runExport(o: ExportOptions): Promise<ExportSummary> {
  for (const f of ['catalog.jsonl', 'decisions.jsonl', 'report.json']) {
    if (!existsSync(join(o.out, f))) throw new CliError(`${o.out} has no ${f}: give the --out directory of \`clearance build\``);
  }
  if (existsSync(o.to) && !o.force) throw new CliError(`${o.to} already exists: choose a new directory or pass --force to replace it`);
  const report = JSON.parse(await readFile(join(o.out, 'report.json'), 'utf8')) as BuildReport;
  const decisions = await decisionsOf(join(o.out, 'decisions.jsonl'));
  const tmp = join(dirname(o.to), `.${basename(o.to)}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, 'metadata'), { recursive: true });
  await mkdir(join(tmp, 'shards'), { recursive: true });
  const mtime = Date.parse(report.builtAt) / 1000 || 0;
  const parquet: ExportFile[] = [];
  const shards: ExportFile[] = [];
  const licences: Record<string, number> = {};
  const sources: Record<string, number> = {};
  const keys = new Set<string>();
  let batch: ExportRow[] = [];
  let tar: TarWriter | undefined;
  let rows = 0;

  const writeFileTracked = async (rel: string, data: Uint8Array | string, list?: ExportFile[]): Promise<ExportFile> => {
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await writeFile(join(tmp, rel), buf);
    const f = { path: rel, bytes: buf.length, sha256: sha256(buf) };
    list?.push(f);
    return f;
  };
  const flushParquet = async (): Promise<void> => {
    if (!batch.length) return;
    await writeFileTracked(parquetName(parquet.length), parquetBytes(batch, [{ key: 'clearance.release', value: report.release }]), parquet);
    batch = [];
  };
  const closeShard = async (): Promise<void> => {
    if (!tar) return;
    const bytes = tar.bytes + 1024;
    const hash = await tar.close();
    shards.push({ path: `shards/shard-${String(shards.length).padStart(6, '0')}.tar`, bytes, sha256: hash });
    tar = undefined;
  };

  try {
    const reader = new JsonlReader<CatalogRecord>(join(o.out, 'catalog.jsonl'));
    for (let r = await reader.next(); r; r = await reader.next()) {
      const body = await readFile(join(o.out, 'files', r.files.original)).catch(() => {
        throw new CliError(`${o.out}/files/${r!.files.original} (the served original of ${r!.id}) is missing: rebuild or re-copy the output`);
      });
      if (sha256(body) !== servedSha256(r.files)) throw new CliError(`${o.out}/files/${r.files.original} does not hash to the SHA-256 its name gives: the output is damaged`);
      const meta = await sharp(body).metadata();
      let key = keyOf(r.id);
      for (let n = 2; keys.has(key); n++) key = `${keyOf(r.id)}-${n}`;
      keys.add(key);
      const row = toRow(r, key, { bytes: body.length, width: meta.autoOrient?.width ?? meta.width, height: meta.autoOrient?.height ?? meta.height, format: r.format }, decisions.get(r.id) ?? []);
      const ext = extname(r.files.original).slice(1) || r.format;
      const caption = Buffer.from(r.title, 'utf8');
      const cost = TarWriter.cost(`${key}.${ext}`, body.length) + TarWriter.cost(`${key}.json`, 4096) + TarWriter.cost(`${key}.txt`, caption.length);
      if (tar && tar.members > 0 && tar.bytes + cost + 1024 > o.shardBytes) await closeShard();
      tar ??= await TarWriter.create(join(tmp, `shards/shard-${String(shards.length).padStart(6, '0')}.tar`), mtime);
      row.shard = `shards/shard-${String(shards.length).padStart(6, '0')}.tar`;
      await tar.add(`${key}.${ext}`, body);
      await tar.add(`${key}.json`, Buffer.from(rowJson(row), 'utf8'));
      await tar.add(`${key}.txt`, caption);
      batch.push(row);
      rows++;
      licences[row.licence] = (licences[row.licence] ?? 0) + 1;
      sources[row.source] = (sources[row.source] ?? 0) + 1;
      if (batch.length >= o.rowsPerFile) await flushParquet();
      if (o.progress && rows % 50 === 0) process.stderr.write(`\r\x1b[Kexporting: ${rows} items · ${shards.length + 1} shard(s) · ${parquet.length} parquet file(s)`);
    }
    await closeShard();
    await flushParquet();
    if (o.progress) process.stderr.write('\r\x1b[K');
    const other: ExportFile[] = [];
    await writeFileTracked('README.md', renderCard({ report, rows, licences, sources, parquetFiles: parquet.map((f) => f.path), shardFiles: shards.map((f) => f.path), shardBytes: o.shardBytes }), other);
    await writeFileTracked('LICENSES.md', licencesDoc(licences), other);
    const description = `${rows} images cleared for AI training (CC0, Public Domain Mark or verified opt-in) from Clearance release ${report.release}, with licence evidence and provenance per image.`;
    const croissant = renderCroissant({ release: report.release, builtAt: report.builtAt, description, url: o.url ?? `file://${o.to}`, licences: Object.keys(licences).sort(), parquet, shards });
    await writeFileTracked('croissant.json', `${JSON.stringify(croissant, null, 2)}\n`, other);
    // export.json: what `clearance publish --export` uploads and the API lists (shards stay out of the public bucket).
    const manifest = { release: report.release, builtAt: report.builtAt, rows, licences, sources, files: [...parquet, ...shards, ...other].map((f) => ({ ...f, kind: f.path.startsWith('shards/') ? 'shard' : 'metadata' })) };
    await writeFileTracked('export.json', `${JSON.stringify(manifest, null, 2)}\n`, other);
    const files = [...parquet, ...shards, ...other];
    await writeFile(join(tmp, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
    if (existsSync(o.to)) await rm(o.to, { recursive: true, force: true });
    await rename(tmp, o.to);
    return { rows, parquet, shards, files };
  } catch (err) {
    await tar?.abort();
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

function licencesDoc(licences: Record<string, number>): string {
  const text: Record<string, string> = {
    'cc0-1.0': 'CC0 1.0 Universal public domain dedication: https://creativecommons.org/publicdomain/zero/1.0/',
    'pdm-1.0': 'Public Domain Mark 1.0 (the source marks the work as free of known copyright): https://creativecommons.org/publicdomain/mark/1.0/',
    optin: "Opted in by a verified rights holder for AI training on the rights holder's terms (see each row's provenance)",
  };
  return `# Licences\n\nEach row's \`licence\` and \`licenceUrl\` give the licence of that image. This export holds:\n\n${Object.entries(licences)
    .map(([id, n]) => `- \`${id}\` (${n} item${n === 1 ? '' : 's'}): ${text[id] ?? id}`)
    .join('\n')}\n\nThe metadata (parquet, JSON, card) is dedicated to the public domain under CC0 1.0.\n`;
}
