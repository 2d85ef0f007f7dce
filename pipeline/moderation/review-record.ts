// Builds the review record (out/reviews.jsonl line) of a held work item: its evidence, image facts and source record.
import { REVIEW_ORIGINAL_MAX, ReviewRecord, type Decision, type Release } from '../catalog/index.js';
import { isHttpUrl } from '../image/fetch.js';
import type { WorkItem } from '../work/stage.js';
import { evidenceHash, evidenceOf, reviewCodesOf } from './evidence-hash.js';

/** The source record as JSON, or a prefix of its JSON text when it is larger than REVIEW_ORIGINAL_MAX bytes. */
function original(record: unknown): unknown {
  if (record === undefined) return undefined;
  const text = JSON.stringify(record);
  if (text === undefined) return undefined;
  if (Buffer.byteLength(text) <= REVIEW_ORIGINAL_MAX) return record;
  return `${Buffer.from(text).subarray(0, REVIEW_ORIGINAL_MAX - 64).toString('utf8').replace(/\uFFFD$/, '')}… [truncated: ${Buffer.byteLength(text)} bytes]`;
}

/** Throws (zod error) when the item lacks what a review record needs; the caller logs it as an internal error. */
export function toReviewRecord(work: WorkItem, decision: Decision, release: Release, retrievedAt: string): ReviewRecord {
  const { item, source, image } = work;
  const assertedBy = item.assertedBy ?? source.assertedBy ?? 'institution';
  return ReviewRecord.parse({
    id: work.id,
    source: source.name,
    title: item.title ?? item.foreignId,
    creator: item.creator ?? null,
    sourceUrl: item.sourceUrl ?? null,
    reasons: decision.reasons,
    // The decision's review codes (the same as the work item's, save for an emit re-check that held an accepted item).
    evidenceHash: evidenceHash({ ...evidenceOf(work), reviewCodes: reviewCodesOf(decision.reasons) }),
    statement: { licence: item.licence ?? null, sourceLicence: source.licence ?? null, assertedBy },
    provenance: {
      release: release.name,
      adapter: source.adapter,
      foreignId: item.foreignId,
      retrievedAt: item.retrievedAt ?? retrievedAt,
      assertedBy,
      originalMetadataSha256: item.metadataSha256,
      imageUrl: isHttpUrl(item.image) ? item.image : undefined,
    },
    ...(image ? { sha256: image.sha256, width: image.width, height: image.height, format: image.format } : {}),
    ...(work.reviewThumb ? { files: { reviewThumb: work.reviewThumb } } : {}),
    original: original(item.record),
  });
}
