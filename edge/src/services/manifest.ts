// Collection manifests: one row per live item with a signed download URL, rendered as JSON Lines, CSV or Parquet.
import { parquetWriteBuffer } from 'hyparquet-writer';

export interface ManifestRow {
  id: string;
  title: string;
  sha256: string;
  contentType: string;
  bytes: number;
  licence: string;
  priceMicros: number;
  url: string;
  expiresAt: string;
}

export type ManifestFormat = 'jsonl' | 'csv' | 'parquet';

const columns: (keyof ManifestRow)[] = ['id', 'title', 'sha256', 'contentType', 'bytes', 'licence', 'priceMicros', 'url', 'expiresAt'];

function csvField(v: string | number): string {
  const s = String(v);
  // Neutralise spreadsheet formulas and quote anything with separators.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderManifest(rows: ManifestRow[], format: ManifestFormat): { body: BodyInit; contentType: string } {
  if (format === 'jsonl') {
    return { body: rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''), contentType: 'application/x-ndjson; charset=utf-8' };
  }
  if (format === 'csv') {
    const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
    return { body: lines.join('\r\n') + '\r\n', contentType: 'text/csv; charset=utf-8' };
  }
  const buffer = parquetWriteBuffer({
    columnData: columns.map((name) => ({
      name,
      data: rows.map((r) => r[name]),
      type: name === 'bytes' || name === 'priceMicros' ? ('INT64' as const) : ('STRING' as const),
    })).map((c) => (c.type === 'INT64' ? { ...c, data: c.data.map((v) => BigInt(v)) } : c)),
  });
  return { body: buffer, contentType: 'application/vnd.apache.parquet' };
}
