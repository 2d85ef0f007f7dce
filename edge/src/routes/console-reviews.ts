// Console: the review queue, one review with its evidence, its private thumbnail, and the approve/reject decision.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { reviewPage, type FormState } from '../console/review-page.js';
import { filterQuery, queuePage } from '../console/queue-page.js';
import type { ConsoleEnv } from '../http/console-guard.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { getAccount } from '../services/accounts.js';
import { ApiError, notFound } from '../services/errors.js';
import { conflictOf, isSubmission } from '../services/conflicts.js';
import { DecisionInput, decideReview } from '../services/review-decisions.js';
import { getReview, listReviews, openFacets, otherReviews, reviewDetail, ReviewFilter, reviewThumbKey } from '../services/reviews.js';

export const consoleReviewRoutes = new Hono<ConsoleEnv>();

const QueueQuery = ReviewFilter.pick({ code: true, source: true, cursor: true }).extend({
  code: z.string().trim().max(100).optional().transform((v) => v || undefined),
  source: z.string().trim().max(200).optional().transform((v) => v || undefined),
});
const Id = z.string().min(1).max(300);

const param = (c: Context<ConsoleEnv>): string => {
  const id = Id.safeParse(c.req.param('id'));
  if (!id.success) throw notFound('review');
  return id.data;
};

consoleReviewRoutes.get('/console/', async (c) => {
  const q = QueueQuery.safeParse(c.req.query());
  if (!q.success) throw new ApiError(400, 'invalid_request', 'unreadable filters; clear them and try again');
  const { code, source, cursor } = q.data;
  const [page, facets] = await Promise.all([listReviews(c.var.db, { status: 'open', code, source, cursor, limit: 50 }), openFacets(c.var.db)]);
  const next = page.cursor ? `/console/${filterQuery(code, source, page.cursor)}` : null;
  return c.html(queuePage({ viewer: viewerOf(c.var.session), reviews: page.reviews, facets, code, source, next, paged: Boolean(cursor) }));
});

/** The review page, optionally with a refused form or a closed-review message, at a given status. */
async function showReview(c: Context<ConsoleEnv>, id: string, status: 200 | 400 | 409, form?: FormState) {
  const row = await getReview(c.var.db, id);
  const others = await otherReviews(c.var.db, row);
  const decider = row.decidedBy ? await getAccount(c.var.db, row.decidedBy).catch(() => null) : null;
  const done = c.req.query('done') !== undefined;
  const review = reviewDetail(row);
  const [conflict, submission] = await Promise.all([conflictOf(c.var.db, review.itemId, review.reasons), isSubmission(c.var.db, review.itemId)]);
  return c.html(reviewPage({ viewer: viewerOf(c.var.session), review, others, deciderEmail: decider?.email ?? null, form, done, conflict, submission }), status);
}

consoleReviewRoutes.get('/console/reviews/:id', (c) => showReview(c, param(c), 200));

consoleReviewRoutes.get('/console/reviews/:id/thumb', async (c) => {
  const key = reviewThumbKey(await getReview(c.var.db, param(c)));
  const obj = key ? await c.env.FILES.get(key) : null;
  if (!obj) throw notFound('thumbnail');
  return new Response(obj.body, {
    headers: { 'Content-Type': obj.httpMetadata?.contentType ?? 'image/webp', 'Content-Length': String(obj.size), 'Cache-Control': 'private, no-store' },
  });
});

// The submitted original of an opt-in work held for review (R2 incoming/, moderators only; never public).
consoleReviewRoutes.get('/console/reviews/:id/submission', async (c) => {
  const review = reviewDetail(await getReview(c.var.db, param(c)));
  const conflict = await conflictOf(c.var.db, review.itemId, [{ code: 'licence.conflict', detail: '' }]);
  const obj = conflict?.submission ? await c.env.FILES.get(conflict.submission.incomingKey) : null;
  if (!obj) throw notFound('submitted original');
  return new Response(obj.body, {
    headers: { 'Content-Type': conflict!.submission!.contentType, 'Content-Length': String(obj.size), 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' },
  });
});

consoleReviewRoutes.post('/console/reviews/:id/decision', async (c) => {
  const id = param(c);
  const fields = await readForm(c);
  const action = fields.action === 'reject' ? 'reject' : 'approve';
  const parsed = DecisionInput.safeParse({ action: fields.action, licence: fields.licence || undefined, note: fields.note ?? '' });
  if (!parsed.success) {
    const errors: FormState['errors'] = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path[0];
      if (key === 'note' || key === 'licence') errors[key] ??= issue.message;
      else errors.form ??= `${String(key ?? 'form')}: ${issue.message}`;
    }
    return showReview(c, id, 400, { action, licence: fields.licence, note: fields.note, errors });
  }
  try {
    await decideReview(c.var.db, c.env, c.var.session.accountId, id, parsed.data);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return showReview(c, id, 409, { action, licence: fields.licence, note: fields.note, errors: { form: `Not recorded: ${err.message}.` } });
    throw err;
  }
  return c.redirect(`/console/reviews/${encodeURIComponent(id)}?done`, 303);
});
