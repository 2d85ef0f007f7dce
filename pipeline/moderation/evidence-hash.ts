// The evidence hash: SHA-256 of what a moderator's decision on a held item rests on. A decision applies only while it matches.
import { statusOf, type ReasonCode } from '../catalog/index.js';
import type { WorkItem } from '../work/stage.js';
import { sha256Hex } from '../util/hash.js';

/** Everything a decision rests on. Any change here re-opens the review; anything else (title wording aside, which
 *  the record hash covers) does not. */
export interface EvidenceInput {
  id: string;
  /** The licence as the record states it, and as its release source states it (null: none stated). */
  licence: string | null;
  sourceLicence: string | null;
  /** Who asserted it, as the record says and as the release source says (null: not said). */
  assertedBy: string | null;
  sourceAssertedBy: string | null;
  sourceUrl: string | null;
  rightsHolder: string | null;
  /** SHA-256 of the source record byte for byte: any edit to the record changes it. */
  originalMetadataSha256: string;
  /** SHA-256 of the image bytes, when the image was read. */
  sha256: string | null;
  /** The codes that hold the item for review (order and repeats do not matter). */
  reviewCodes: readonly string[];
}

const TAG = 'clearance-evidence/1';

/** Hex SHA-256 of a canonical JSON array (fixed field order, codes sorted and deduplicated). */
export function evidenceHash(e: EvidenceInput): string {
  const codes = [...new Set(e.reviewCodes)].sort();
  const canonical = [TAG, e.id, e.licence, e.sourceLicence, e.assertedBy, e.sourceAssertedBy, e.sourceUrl, e.rightsHolder, e.originalMetadataSha256, e.sha256, codes];
  return sha256Hex(JSON.stringify(canonical));
}

/** The review codes among reasons (hints and other statuses left out). */
export function reviewCodesOf(reasons: readonly { code: ReasonCode }[]): string[] {
  return reasons.filter((r) => statusOf(r.code) === 'review').map((r) => r.code);
}

/** The evidence of a record as a build sees it: the item and its source, the record's and the image's hashes. */
export function evidenceFrom(
  id: string,
  item: { licence?: string; assertedBy?: string; sourceUrl?: string; rightsHolder?: string },
  source: { licence?: string; assertedBy?: string },
  originalMetadataSha256: string,
  sha256: string | null,
  reviewCodes: readonly string[],
): EvidenceInput {
  return {
    id,
    licence: item.licence ?? null,
    sourceLicence: source.licence ?? null,
    assertedBy: item.assertedBy ?? null,
    sourceAssertedBy: source.assertedBy ?? null,
    sourceUrl: item.sourceUrl ?? null,
    rightsHolder: item.rightsHolder ?? null,
    originalMetadataSha256,
    sha256,
    reviewCodes,
  };
}

/** The evidence of a work item as the build sees it. */
export function evidenceOf(work: WorkItem): EvidenceInput {
  return evidenceFrom(work.id, work.item, work.source, work.item.metadataSha256, work.image?.sha256 ?? null, reviewCodesOf(work.reasons));
}
