// Collection manifests: one row per live item with a signed download URL, rendered as JSON Lines, CSV or Parquet.
// Every file fact in a row (sha256, bytes, width, height, format, contentType) is the served file's, as the URL serves it.
import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';

export interface ManifestRow {
  id: string;
  url: string;
  expiresAt: string;
  sha256: string;
  bytes: number;
  width: number | null;
  height: number | null;
  format: string | null;
  contentType: string;
  sourceSha256: string | null;
  title: string;
  caption: string;
  creator: string | null;
  licence: string;
  licenceUrl: string | null;
  source: string | null;
  sourceUrl: string | null;
  release: string;
  retrievedAt: string | null;
  rightsHolder: string | null;
  priceMicros: number;
  nsfw: number | null;
  faces: number | null;
  faceScore: number | null;
  textPii: boolean | null;
  filter: string;
}

export type ManifestFormat = 'jsonl' | 'csv' | 'parquet';

type Kind = 'string' | 'int64' | 'int32' | 'double' | 'boolean' | 'timestamp';
/** Column order and Parquet types; `null: true` columns may be empty (old rows, unscored items, unknown creators). */
export const MANIFEST_COLUMNS: { name: keyof ManifestRow; kind: Kind; null?: true }[] = [
  { name: 'id', kind: 'string' },
  { name: 'url', kind: 'string' },
  { name: 'expiresAt', kind: 'timestamp' },
  { name: 'sha256', kind: 'string' },
  { name: 'bytes', kind: 'int64' },
  { name: 'width', kind: 'int32', null: true },
  { name: 'height', kind: 'int32', null: true },
  { name: 'format', kind: 'string', null: true },
  { name: 'contentType', kind: 'string' },
  { name: 'sourceSha256', kind: 'string', null: true },
  { name: 'title', kind: 'string' },
  { name: 'caption', kind: 'string' },
  { name: 'creator', kind: 'string', null: true },
  { name: 'licence', kind: 'string' },
  { name: 'licenceUrl', kind: 'string', null: true },
  { name: 'source', kind: 'string', null: true },
  { name: 'sourceUrl', kind: 'string', null: true },
  { name: 'release', kind: 'string' },
  { name: 'retrievedAt', kind: 'timestamp', null: true },
  { name: 'rightsHolder', kind: 'string', null: true },
  { name: 'priceMicros', kind: 'int64' },
  { name: 'nsfw', kind: 'double', null: true },
  { name: 'faces', kind: 'int32', null: true },
  { name: 'faceScore', kind: 'double', null: true },
  { name: 'textPii', kind: 'boolean', null: true },
  { name: 'filter', kind: 'string' },
];

function csvField(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  // Neutralise spreadsheet formulas and quote anything with separators.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function element(name: string, kind: Kind, nullable: boolean): SchemaElement {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (kind) {
    case 'string': return { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type };
    case 'int64': return { name, type: 'INT64', repetition_type };
    case 'int32': return { name, type: 'INT32', repetition_type };
    case 'double': return { name, type: 'DOUBLE', repetition_type };
    case 'boolean': return { name, type: 'BOOLEAN', repetition_type };
    case 'timestamp': return { name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' }, repetition_type };
  }
}

function parquetValue(kind: Kind, v: ManifestRow[keyof ManifestRow]): unknown {
  if (v === null) return null;
  if (kind === 'int64') return BigInt(v as number);
  if (kind === 'timestamp') {
    const ms = Date.parse(v as string);
    return Number.isNaN(ms) ? null : BigInt(ms);
  }
  return v;
}

/** `metadata`: key-value pairs stored in the Parquet footer (e.g. the filter that produced the manifest). */
export function renderManifest(rows: ManifestRow[], format: ManifestFormat, metadata: Record<string, string> = {}): { body: BodyInit; contentType: string } {
  if (format === 'jsonl') {
    return { body: rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''), contentType: 'application/x-ndjson; charset=utf-8' };
  }
  if (format === 'csv') {
    const lines = [MANIFEST_COLUMNS.map((c) => c.name).join(','), ...rows.map((r) => MANIFEST_COLUMNS.map((c) => csvField(r[c.name])).join(','))];
    return { body: lines.join('\r\n') + '\r\n', contentType: 'text/csv; charset=utf-8' };
  }
  const columns = MANIFEST_COLUMNS.map((c) => ({ ...c, nullable: c.null === true }));
  const buffer = parquetWriteBuffer({
    schema: [{ name: 'root', num_children: columns.length }, ...columns.map((c) => element(c.name, c.kind, c.nullable))],
    columnData: columns.map((c) => ({ name: c.name, data: rows.map((r) => parquetValue(c.kind, r[c.name])) })),
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: 'clearance edge',
  });
  return { body: buffer, contentType: 'application/vnd.apache.parquet' };
}
