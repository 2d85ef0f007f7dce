// Writes export rows as parquet files of at most `rowsPerFile` rows each, typed per COLUMNS.
import { parquetWriteBuffer } from 'hyparquet-writer';
import { COLUMNS } from './columns.js';
import type { ExportRow } from './row.js';

export function parquetBytes(rows: ExportRow[], kv: { key: string; value: string }[] = []): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: COLUMNS.map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      // hyparquet-writer's DecodedArray: any[] of the column's values.
      data: rows.map((r) => r[c.name]) as unknown[],
    })),
    kvMetadata: kv,
    createdBy: 'clearance export',
  });
  return new Uint8Array(buffer);
}

export const parquetName = (index: number): string => `metadata/part-${String(index).padStart(5, '0')}.parquet`;
