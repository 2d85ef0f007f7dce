// Decides what a release changes in D1: which items to insert, update, withdraw, and which conflicts to report.
import type { CatalogRecord } from '../catalog/record.js';
import type { Decision } from '../catalog/decision.js';
import type { ItemRow } from './target.js';
import { contentTypeFor } from './content-type.js';

export interface Withdrawal {
  id: string;
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
const COMPARED = ['title', 'sha256', 'original_key', 'thumb_key', 'content_type', 'bytes', 'licence', 'rights_holder',
  'price_micros', 'price_source', 'status', 'release'] as const;

/** The row for a record; `bytes` is the size of the stored original (what a download serves), which differs from
 *  the source's `record.bytes` when the pipeline stripped metadata (e.g. GPS) from it. */
export function rowFor(record: CatalogRecord, now: string, bytes = record.bytes): ItemRow {
  return {
    id: record.id,
    title: record.title,
    sha256: record.sha256,
    original_key: record.files.original,
    thumb_key: record.files.thumb,
    content_type: contentTypeFor(record.files.original),
    bytes,
    licence: record.licence.id,
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
  originalBytes: Map<string, number> = new Map(),
): Plan {
  const plan: Plan = { inserts: [], updates: [], reinstated: [], unchanged: 0, withdrawals: [], conflicts: [] };
  const listed = new Set<string>();
  for (const record of records) {
    listed.add(record.id);
    const row = rowFor(record, now, originalBytes.get(record.files.original));
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
    plan.withdrawals.push({ id: old.id, sha256: old.sha256, reason: withdrawalReason(decision), detail: withdrawalDetail(decision) });
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
