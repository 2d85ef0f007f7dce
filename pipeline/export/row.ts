// One export row: a catalogue record as served (hash, size, dimensions of the published original) with its evidence.
import { basename } from 'node:path';
import type { CatalogRecord } from '../catalog/index.js';

export interface ExportRow {
  id: string;
  key: string;
  shard: string | null;
  caption: string;
  creator: string | null;
  date: string | null;
  tags: string;
  licence: string;
  licenceUrl: string;
  source: string;
  landingUrl: string | null;
  release: string;
  retrievedAt: Date;
  sha256: string;
  bytes: bigint;
  width: number;
  height: number;
  mime: string;
  sourceSha256: string;
  provenance: string;
  decision: string;
  nsfw: number | null;
  faces: number | null;
  faceScore: number | null;
  textPii: boolean;
  priceMicros: bigint;
}

const MIME: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', avif: 'image/avif' };

export const mimeOf = (format: string): string => MIME[format] ?? 'application/octet-stream';

/** The SHA-256 the served original's key names (`original/<ab>/<sha256>.<ext>`): the hash of the published bytes. */
export function servedSha256(files: CatalogRecord['files']): string {
  const m = /^([0-9a-f]{64})\./.exec(basename(files.original));
  if (!m) throw new Error(`files.original "${files.original}" does not name a SHA-256`);
  return m[1]!;
}

/** The WebDataset key of an id: letters, digits, `_` and `-` only (no dots: readers split the extension at the first). */
export function keyOf(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/** A one-line summary of where the item came from and on whose word its licence stands. */
export function provenanceSummary(r: CatalogRecord): string {
  const p = r.provenance;
  const evidence = r.licence.evidence.map((e) => `${e.kind}${e.assertedBy ? ` (${e.assertedBy})` : ''}: ${e.statement}`).join('; ');
  return `${p.adapter} record ${p.foreignId} of release ${p.release}, retrieved ${p.retrievedAt}, asserted by ${p.assertedBy}; evidence: ${evidence}`;
}

export interface Served {
  bytes: number;
  width: number;
  height: number;
  format: string;
}

export function toRow(r: CatalogRecord, key: string, served: Served, decision: string[]): ExportRow {
  return {
    id: r.id,
    key,
    shard: null,
    caption: r.title,
    creator: r.creator,
    date: r.date ?? null,
    tags: JSON.stringify(r.tags ?? []),
    licence: r.licence.id,
    licenceUrl: r.licence.url,
    source: r.source,
    landingUrl: r.sourceUrl,
    release: r.provenance.release,
    retrievedAt: new Date(r.provenance.retrievedAt),
    sha256: servedSha256(r.files),
    bytes: BigInt(served.bytes),
    width: served.width,
    height: served.height,
    mime: mimeOf(served.format),
    sourceSha256: r.sha256,
    provenance: provenanceSummary(r),
    decision: decision.join(' '),
    nsfw: r.safety.nsfw,
    faces: r.safety.faces,
    faceScore: r.safety.faceScore,
    textPii: r.safety.textPii,
    priceMicros: BigInt(r.priceMicros),
  };
}
