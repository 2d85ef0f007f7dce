// The one interface publish writes through: a D1 database plus an R2 bucket, local (Miniflare) or remote (wrangler).

/** A row of the edge's `items` table, as publish reads and writes it. */
export interface ItemRow {
  id: string;
  title: string;
  /** SHA-256 of the served file (the published original); `source_sha256` is the fetched image's. */
  sha256: string;
  source_sha256: string | null;
  /** Perceptual fingerprint of the fetched image (`pid1:…`), copied into a withdrawal of the item. */
  fingerprint: string | null;
  original_key: string;
  thumb_key: string;
  content_type: string;
  /** Size, pixel size and format of the served file. */
  bytes: number;
  width: number | null;
  height: number | null;
  format: string | null;
  licence: string;
  licence_url: string | null;
  creator: string | null;
  description: string | null;
  /** JSON array of strings. */
  tags: string | null;
  date: string | null;
  source: string | null;
  source_url: string | null;
  image_url: string | null;
  retrieved_at: string | null;
  /** Safety scores; text_pii is 0 or 1 (null only on rows published before scores reached D1). */
  nsfw: number | null;
  faces: number | null;
  face_score: number | null;
  text_pii: number | null;
  rights_holder: string | null;
  price_micros: number;
  price_source: 'release' | 'rightsholder';
  status: 'live' | 'withdrawn';
  withdrawn_by: 'release' | 'moderator' | null;
  withdrawn_reason: string | null;
  withdrawn_at: string | null;
  release: string;
  updated_at: string;
}

export type SqlValue = string | number | null;

/** One parameterised statement; back-ends either bind the params or inline them as SQL literals. */
export interface Statement {
  sql: string;
  params: SqlValue[];
}

/** A statement, or a group of statements that must land in the same batch (one transaction), e.g. an item's withdrawal
 *  and its `changes` row. */
export type Step = Statement | Statement[];

/** Splits steps into batches of at most `max` statements without splitting a group (a larger group is a batch alone). */
export function batches(steps: readonly Step[], max: number): Statement[][] {
  const out: Statement[][] = [];
  let current: Statement[] = [];
  for (const step of steps) {
    const group = Array.isArray(step) ? step : [step];
    if (current.length && current.length + group.length > max) {
      out.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) out.push(current);
  return out;
}

export interface PublishTarget {
  /** `local` or `remote`, for messages. */
  readonly kind: 'local' | 'remote';
  /** Human-readable description of where the data goes. */
  readonly where: string;
  /** Applies pending migrations; returns the names applied now. */
  migrate(): Promise<string[]>;
  /** Every row of `items` (only the columns in ItemRow). */
  readItems(): Promise<ItemRow[]>;
  /** Runs statements in order; each batch is atomic (a group is never split), the whole list need not be. */
  execute(steps: Step[]): Promise<void>;
  /** Rows of one read-only statement (column name → value). */
  query(statement: Statement): Promise<Record<string, SqlValue>[]>;
  /** True when the bucket already holds an object under this key. */
  hasObject(key: string): Promise<boolean>;
  /** Every key in the bucket, when listing is cheaper than asking key by key (local state). */
  listObjects?(): Promise<Set<string>>;
  /** Uploads a file's bytes under key. */
  putObject(key: string, filePath: string, contentType: string): Promise<void>;
  /** A small object's text, or null when there is none under key. */
  readText(key: string): Promise<string | null>;
  /** An object's bytes, or null when there is none under key (`clearance pull` reads submitted originals). */
  readBytes(key: string): Promise<Uint8Array | null>;
  /** Removes the object under key (no error when there is none). */
  deleteObject(key: string): Promise<void>;
  /** Releases resources (Miniflare instance, temp files). */
  close(): Promise<void>;
}

export const ITEM_COLUMNS = [
  'id', 'title', 'sha256', 'source_sha256', 'fingerprint', 'original_key', 'thumb_key', 'content_type', 'bytes', 'width', 'height', 'format',
  'licence', 'licence_url', 'creator', 'description', 'tags', 'date', 'source', 'source_url', 'image_url', 'retrieved_at',
  'nsfw', 'faces', 'face_score', 'text_pii', 'rights_holder',
  'price_micros', 'price_source', 'status', 'withdrawn_by', 'withdrawn_reason', 'withdrawn_at', 'release', 'updated_at',
] as const satisfies readonly (keyof ItemRow)[];
