// Decides what a release changes in D1: which items to insert, update, withdraw, and which conflicts to report.
import type { CatalogRecord } from '../catalog/record.js';
import type { Decision } from '../catalog/decision.js';
import type { ItemRow } from './target.js';
import { contentTypeFor, formatFor } from './content-type.js';

export interface Withdrawal {
  id: string;
  /** The source image's SHA-256 (what a release's withdrawals file and the consent-change feed match on). */
  sha256: string;
  /** The decision's main code, or `release.dropped` when the release no longer lists the item. */
  reason: string;
  /** Its detail, for the consent-change feed. */
  detail: string;
}

/** A catalogue item a moderator withdrew at the edge: publish leaves it withdrawn and reports it for review. */
export interface Conflict {
  id: string;
  title: string;
  sha256: string;
  withdrawnReason: string | null;
  withdrawnAt: string | null;
}

export interface Plan {
  inserts: ItemRow[];
  updates: ItemRow[];
  /** Ids among `updates` that were withdrawn by an earlier release and are back in the catalogue. */
  reinstated: string[];
  unchanged: number;
  withdrawals: Withdrawal[];
  conflicts: Conflict[];
}

/** Fields publish owns; anything else in the row belongs to the edge. */
const COMPARED = ['title', 'sha256', 'source_sha256', 'fingerprint', 'original_key', 'thumb_key', 'content_type', 'bytes', 'width', 'height',
  'format', 'licence', 'licence_url', 'creator', 'description', 'tags', 'date', 'source', 'source_url', 'image_url',
  'retrieved_at', 'nsfw', 'faces', 'face_score', 'text_pii', 'rights_holder', 'price_micros', 'price_source', 'status',
  'release'] as const;

/** What a download serves for a record: the stored original's SHA-256 and size. */
export interface ServedFile {
  sha256: string;
  bytes: number;
}

/** The row for a record. `sha256`, `bytes`, `format` and `content_type` describe the served file (the stored original,
 *  whose key names its SHA-256), which differs from the fetched image when the pipeline stripped metadata (e.g. GPS) or
 *  re-encoded it (GIF, TIFF, AVIF, EXIF-rotated images become PNG); the fetched image's hash stays in `source_sha256`.
 *  `width`/`height` are the record's: the displayed size, which is the served file's (a rotation is baked in). */
export function rowFor(record: CatalogRecord, now: string, served: ServedFile = { sha256: record.sha256, bytes: record.bytes }): ItemRow {
  return {
    id: record.id,
    title: record.title,
    sha256: served.sha256,
    source_sha256: record.sha256,
    fingerprint: record.fingerprint ?? null,
    original_key: record.files.original,
    thumb_key: record.files.thumb,
    content_type: contentTypeFor(record.files.original),
    bytes: served.bytes,
    width: record.width,
    height: record.height,
    format: formatFor(record.files.original),
    licence: record.licence.id,
    licence_url: record.licence.url,
    creator: record.creator,
    description: record.description ?? null,
    tags: record.tags.length ? JSON.stringify(record.tags) : null,
    date: record.date ?? null,
    source: record.source,
    source_url: record.sourceUrl,
    image_url: record.provenance.imageUrl ?? null,
    retrieved_at: record.provenance.retrievedAt,
    nsfw: record.safety.nsfw,
    faces: record.safety.faces,
    face_score: record.safety.faceScore,
    text_pii: record.safety.textPii ? 1 : 0,
    rights_holder: record.rightsHolder ?? null,
    price_micros: record.priceMicros,
    price_source: 'release',
    status: 'live',
    withdrawn_by: null,
    withdrawn_reason: null,
    withdrawn_at: null,
    release: record.provenance.release,
    updated_at: now,
  };
}

export function planPublish(
  records: CatalogRecord[],
  decisions: Map<string, Decision>,
  existing: Map<string, ItemRow>,
  now: string,
  served: Map<string, ServedFile> = new Map(),
): Plan {
  const plan: Plan = { inserts: [], updates: [], reinstated: [], unchanged: 0, withdrawals: [], conflicts: [] };
  const listed = new Set<string>();
  for (const record of records) {
    listed.add(record.id);
    const row = rowFor(record, now, served.get(record.files.original));
    const old = existing.get(record.id);
    if (!old) {
      plan.inserts.push(row);
      continue;
    }
    if (old.status === 'withdrawn' && old.withdrawn_by === 'moderator') {
      plan.conflicts.push({ id: old.id, title: old.title, sha256: old.sha256, withdrawnReason: old.withdrawn_reason, withdrawnAt: old.withdrawn_at });
      continue;
    }
    if (old.price_source === 'rightsholder') {
      row.price_micros = old.price_micros;
      row.price_source = 'rightsholder';
    }
    if (COMPARED.every((k) => old[k] === row[k])) {
      plan.unchanged++;
      continue;
    }
    if (old.status === 'withdrawn') plan.reinstated.push(row.id);
    plan.updates.push(row);
  }
  for (const old of existing.values()) {
    if (listed.has(old.id) || old.status !== 'live') continue;
    const decision = decisions.get(old.id);
    plan.withdrawals.push({ id: old.id, sha256: old.source_sha256 ?? old.sha256, reason: withdrawalReason(decision), detail: withdrawalDetail(decision) });
  }
  return plan;
}

function withdrawalDetail(decision: Decision | undefined): string {
  if (!decision) return 'the release no longer lists this item';
  if (decision.status === 'accepted') return 'accepted by the release but left out of its catalogue';
  return decision.reasons[0]?.detail ?? `decided ${decision.status}`;
}

/** Why an item left the catalogue: the main reason of its decision, or `release.dropped` when the release no longer has it. */
function withdrawalReason(decision: Decision | undefined): string {
  if (!decision || decision.status === 'accepted') return 'release.dropped';
  return decision.reasons[0]?.code ?? `decision.${decision.status}`;
}
