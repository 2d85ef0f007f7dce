// The review record (out/reviews.jsonl, one line per `review` decision): what a moderator needs to decide a held item.
import { z } from 'zod';
import { Reason } from './decision.js';
import { ImageFormat, Provenance } from './record.js';
import { AssertedBy } from './release.js';

/** The licence statements a held item rests on, exactly as stated (null when a side states none). */
export const ReviewStatement = z.object({
  /** The licence as the item's record states it. */
  licence: z.string().nullable(),
  /** The licence its release source asserts for all its items. */
  sourceLicence: z.string().nullable(),
  /** Who asserted the licence (the record's claim, else the source's, else institution). */
  assertedBy: AssertedBy,
});
export type ReviewStatement = z.infer<typeof ReviewStatement>;

/** Largest `original` kept in a review record (bytes of its JSON); a larger record is kept as a truncated string. */
export const REVIEW_ORIGINAL_MAX = 16 * 1024;

export const ReviewRecord = z.object({
  id: z.string().min(1),
  source: z.string(),
  title: z.string(),
  creator: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  /** The decision's reasons (main first), as in decisions.jsonl. */
  reasons: z.array(Reason).min(1),
  /** SHA-256 of what a moderator's decision rests on (pipeline/moderation/evidence-hash.ts). */
  evidenceHash: z.string().regex(/^[0-9a-f]{64}$/),
  statement: ReviewStatement,
  provenance: Provenance,
  /** Image facts, when the image could be read. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  format: ImageFormat.optional(),
  /** `reviewThumb`: a private thumbnail under `review-thumb/` (never public; the console serves it to moderators). */
  files: z.object({ reviewThumb: z.string() }).optional(),
  /** The source record as read (JSON; a string prefix when it is over REVIEW_ORIGINAL_MAX). */
  original: z.unknown().optional(),
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;
