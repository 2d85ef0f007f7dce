// The export's columns: parquet type, nullability and meaning (one list for the parquet files, the card and Croissant).
import type { ExportRow } from './row.js';

export type ParquetType = 'STRING' | 'INT32' | 'INT64' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP';

export interface Column {
  name: keyof ExportRow;
  type: ParquetType;
  nullable: boolean;
  description: string;
}

export const COLUMNS: Column[] = [
  { name: 'id', type: 'STRING', nullable: false, description: 'Catalogue id (`<source>:<foreign id>`), as in the API.' },
  { name: 'key', type: 'STRING', nullable: false, description: 'WebDataset key: the member names in the shard are `<key>.<ext>`, `<key>.json`, `<key>.txt`.' },
  { name: 'shard', type: 'STRING', nullable: true, description: 'Shard file holding the image (null when the export has no shards).' },
  { name: 'caption', type: 'STRING', nullable: false, description: "The work's title as its source gives it." },
  { name: 'creator', type: 'STRING', nullable: true, description: 'Creator as the source names them.' },
  { name: 'date', type: 'STRING', nullable: true, description: 'Date of the work as the source gives it (free text).' },
  { name: 'tags', type: 'STRING', nullable: false, description: 'Tags, a JSON array of strings.' },
  { name: 'licence', type: 'STRING', nullable: false, description: 'Licence id: cc0-1.0, pdm-1.0 or optin.' },
  { name: 'licenceUrl', type: 'STRING', nullable: false, description: 'URL of the licence or mark.' },
  { name: 'source', type: 'STRING', nullable: false, description: 'Source name in the release.' },
  { name: 'landingUrl', type: 'STRING', nullable: true, description: "The work's page at its source." },
  { name: 'release', type: 'STRING', nullable: false, description: 'Release the item was built from.' },
  { name: 'retrievedAt', type: 'TIMESTAMP', nullable: false, description: 'When the source record was retrieved (UTC, ms).' },
  { name: 'sha256', type: 'STRING', nullable: false, description: 'SHA-256 of the served (published) image bytes: the bytes in the shard and behind the download URL.' },
  { name: 'bytes', type: 'INT64', nullable: false, description: 'Size of the served image in bytes.' },
  { name: 'width', type: 'INT32', nullable: false, description: 'Width of the served image in pixels.' },
  { name: 'height', type: 'INT32', nullable: false, description: 'Height of the served image in pixels.' },
  { name: 'mime', type: 'STRING', nullable: false, description: 'Media type of the served image.' },
  { name: 'sourceSha256', type: 'STRING', nullable: false, description: 'SHA-256 of the image as fetched from its source (before metadata stripping or re-encoding).' },
  { name: 'provenance', type: 'STRING', nullable: false, description: 'Provenance summary: adapter, foreign id, release, retrieval time, who asserted the licence, the evidence.' },
  { name: 'decision', type: 'STRING', nullable: false, description: 'Reason codes of the acceptance decision, space-separated (main reason first).' },
  { name: 'nsfw', type: 'DOUBLE', nullable: true, description: 'Nudity score 0–1 (null: not scored in this build).' },
  { name: 'faces', type: 'INT32', nullable: true, description: 'Faces detected (null: not scored).' },
  { name: 'faceScore', type: 'DOUBLE', nullable: true, description: 'Highest face-detection confidence 0–1 (null: not scored).' },
  { name: 'textPii', type: 'BOOLEAN', nullable: false, description: 'Whether metadata text looked like personal data.' },
  { name: 'priceMicros', type: 'INT64', nullable: false, description: 'Price per download in millionths of the account currency (0: free).' },
];
