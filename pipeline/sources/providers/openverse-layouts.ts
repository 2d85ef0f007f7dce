// Column layouts of the Openverse catalog's TSV files (image-table dumps, provider TSVs v000–v002), told apart by content.

export interface Layout {
  name: string;
  columns: readonly string[];
}

const HEAD = ['foreign_identifier', 'foreign_landing_url', 'url', 'thumbnail'] as const;
const TAIL_000 = ['creator', 'creator_url', 'title', 'meta_data', 'tags'] as const;

/** The TSVs provider scripts write (common/storage/tsv_columns.py), by column count. */
const PROVIDER_TSV: Record<number, Layout> = {
  18: { name: 'provider-tsv-000', columns: [...HEAD, 'width', 'height', 'filesize', 'license', 'license_version', ...TAIL_000, 'watermarked', 'provider', 'source', 'ingestion_type'] },
  20: { name: 'provider-tsv-001', columns: [...HEAD, 'filetype', 'filesize', 'license', 'license_version', ...TAIL_000, 'category', 'watermarked', 'provider', 'source', 'ingestion_type', 'width', 'height'] },
  19: { name: 'provider-tsv-002', columns: [...HEAD, 'filetype', 'filesize', 'license', 'license_version', 'license_url', ...TAIL_000, 'category', 'provider', 'source', 'width', 'height'] },
};

/** The `image` table in the catalog schema's column order (rows of 23 to 26 columns: later columns were added over time). */
const IMAGE_TABLE: Layout = {
  name: 'image-table',
  columns: ['identifier', 'created_on', 'updated_on', 'ingestion_type', 'provider', 'source', ...HEAD, 'width', 'height', 'filesize', 'license', 'license_version', ...TAIL_000, 'watermarked', 'last_synced_with_source', 'removed_from_source', 'filetype', 'category', 'standardized_popularity'],
};

/** The recorded `image_table_sample.tsv` (20 columns): provider and source last, two columns that are NULL in every row. */
const IMAGE_TABLE_SAMPLE: Layout = {
  name: 'image-table-sample',
  columns: ['identifier', 'created_on', 'updated_on', 'ingestion_type', 'unnamed_5', ...HEAD, 'width', 'height', 'filesize', 'license', 'unnamed_14', 'license_version', 'creator', 'creator_url', 'title', 'provider', 'source'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/;

/** The layout of a row: an image-table row starts with a UUID and a timestamp; a provider TSV row is known by its width. */
export function layoutOf(fields: readonly (string | null)[]): Layout | { error: string } {
  const n = fields.length;
  if (UUID.test(fields[0] ?? '') && TIMESTAMP.test(fields[1] ?? '')) {
    if (n === IMAGE_TABLE_SAMPLE.columns.length) return IMAGE_TABLE_SAMPLE;
    if (n >= 23 && n <= IMAGE_TABLE.columns.length) return IMAGE_TABLE;
    return { error: `image-table row with ${n} columns (20 or 23–26 expected)` };
  }
  return PROVIDER_TSV[n] ?? { error: `${n} columns: not an Openverse catalog TSV layout (18, 19 or 20 columns, or an image-table row)` };
}

/** A row as { column: value } (null for NULL), with the layout's name under `layout`. */
export function rowRecord(layout: Layout, fields: readonly (string | null)[]): Record<string, string | null> {
  const out: Record<string, string | null> = { layout: layout.name };
  fields.forEach((f, i) => (out[layout.columns[i]!] = f));
  return out;
}
