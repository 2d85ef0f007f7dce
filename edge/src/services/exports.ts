// Release exports in R2 (exports/<release>/…, uploaded by `clearance publish --export`): list them, read a file.
import { ApiError } from './errors.js';

export const RELEASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** The metadata files an export may hold in R2 (image shards are never uploaded). */
export const EXPORT_PATH = /^(README\.md|LICENSES\.md|croissant\.json|export\.json|SHA256SUMS|metadata\/part-\d{5}\.parquet)$/;

export interface ExportSummary {
  release: string;
  builtAt: string;
  rows: number;
  files: { path: string; bytes: number; sha256: string; url: string }[];
}

interface Manifest {
  release: string;
  builtAt: string;
  rows: number;
  files: { path: string; bytes: number; sha256: string; kind: 'metadata' | 'shard' }[];
}

async function manifestOf(bucket: R2Bucket, release: string): Promise<Manifest | null> {
  const obj = await bucket.get(`exports/${release}/export.json`);
  return obj ? ((await obj.json()) as Manifest) : null;
}

function summary(m: Manifest): ExportSummary {
  const files = m.files.filter((f) => f.kind === 'metadata').map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256, url: `/v1/exports/${m.release}/files/${f.path}` }));
  return { release: m.release, builtAt: m.builtAt, rows: m.rows, files };
}

/** Every release whose export is complete in R2 (its export.json, uploaded last, is there), newest first. */
export async function listExports(bucket: R2Bucket): Promise<ExportSummary[]> {
  const releases: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: 'exports/', delimiter: '/', cursor });
    releases.push(...page.delimitedPrefixes.map((p) => p.slice('exports/'.length, -1)).filter((r) => RELEASE_NAME.test(r)));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const manifests = (await Promise.all(releases.map((r) => manifestOf(bucket, r)))).filter((m): m is Manifest => m !== null);
  return manifests.map(summary).sort((a, b) => b.builtAt.localeCompare(a.builtAt));
}

export async function getExport(bucket: R2Bucket, release: string): Promise<ExportSummary> {
  const m = await manifestOf(bucket, release);
  if (!m) throw new ApiError(404, 'not_found', `no export of release ${release}`);
  return summary(m);
}

/** An export's metadata file from R2; 404 for anything else (shards and originals are never served here). */
export async function exportFile(bucket: R2Bucket, release: string, path: string): Promise<R2ObjectBody> {
  if (!EXPORT_PATH.test(path)) throw new ApiError(404, 'not_found', `no such export file: ${path}`);
  const obj = await bucket.get(`exports/${release}/${path}`);
  if (!obj) throw new ApiError(404, 'not_found', `no file ${path} in the export of ${release}`);
  return obj;
}
