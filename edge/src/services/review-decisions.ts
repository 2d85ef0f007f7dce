// Deciding a review: approve as CC0/PDM or reject, each with a note; atomic, only while the row is open; approvals feed /v1/changes.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { reviews } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { ApiError, notFound } from './errors.js';
import type { ReviewRow } from './reviews.js';
import { isSubmission } from './conflicts.js';

const DECIDED_LICENCES = ['cc0-1.0', 'pdm-1.0'] as const;
const APPROVED_CODE = 'licence.moderator-approved';

export const DecisionInput = z
  .object({
    action: z.enum(['approve', 'reject']),
    licence: z.enum(DECIDED_LICENCES, { error: 'choose cc0-1.0 or pdm-1.0' }).optional(),
    note: z.string().trim().min(1, 'a note is required: say what you verified').max(2000, 'at most 2,000 characters'),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'approve' && !v.licence) {
      ctx.addIssue({ code: 'custom', path: ['licence'], message: 'choose the licence to approve it as: cc0-1.0 or pdm-1.0' });
    }
  });
export type DecisionInput = z.infer<typeof DecisionInput>;

/** 409 for a review that is no longer open: decided already, or superseded by a changed record (names the newer one). */
async function closedError(db: Db, r: ReviewRow): Promise<ApiError> {
  if (r.status === 'superseded') {
    const newer = await db
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.itemId, r.itemId), eq(reviews.status, 'open')))
      .get();
    const next = newer ? `; decide the open review ${newer.id} instead` : '';
    return new ApiError(409, 'review_closed', `review superseded: the item's record or evidence changed after this review was opened${next}`);
  }
  return new ApiError(409, 'review_closed', `review already decided (${r.status}${r.decidedAt ? ` at ${r.decidedAt}` : ''})`);
}

/**
 * Records a decision on an open review. One D1 batch: for an approval the `changes` row (only while the review is
 * open), then the conditional UPDATE; nothing is written when another decision or a re-publish got there first.
 */
export async function decideReview(db: Db, env: Bindings, moderatorId: string, id: string, input: DecisionInput, now = new Date()): Promise<ReviewRow> {
  const at = now.toISOString();
  const status = input.action === 'approve' ? 'approved' : 'rejected';
  const licence = input.action === 'approve' ? input.licence! : null;
  if (status === 'approved') {
    const review = await db.select({ itemId: reviews.itemId }).from(reviews).where(eq(reviews.id, id)).get();
    if (review && (await isSubmission(db, review.itemId))) throw new ApiError(409, 'optin_submission', 'an opt-in submission cannot be approved as CC0 or Public Domain Mark; reject it or leave it held');
  }
  const statements: D1PreparedStatement[] = [];
  if (status === 'approved') {
    statements.push(
      env.DB.prepare(
        `INSERT INTO changes (item_id, sha256, kind, code, detail, "by", at)
         SELECT item_id, sha256, 'approved', ?, ?, ?, ? FROM reviews WHERE id = ? AND status = 'open'`,
      ).bind(APPROVED_CODE, `approved as ${licence}`, moderatorId, at, id),
    );
  }
  statements.push(
    env.DB.prepare(
      `UPDATE reviews SET status = ?, decided_licence = ?, decided_by = ?, decided_at = ?, note = ?, updated_at = ?
       WHERE id = ? AND status = 'open'`,
    ).bind(status, licence, moderatorId, at, input.note, at, id),
  );
  const results = await env.DB.batch(statements);
  const updated = results[results.length - 1]!.meta.changes === 1;
  const row = await db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!row) throw notFound('review');
  if (!updated) throw await closedError(db, row);
  return row;
}
