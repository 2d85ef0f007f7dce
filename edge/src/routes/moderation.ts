// Moderators only: the review queue and its decisions, the flag queue and its decisions, direct withdrawals, the logs.
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../http/auth.js';
import { bearer, errors, IdParam, json, jsonBody, router } from '../http/validation.js';
import { decisionLog, LogQuery } from '../services/decision-log.js';
import { notFound } from '../services/errors.js';
import { listFlags } from '../services/flags.js';
import { decideFlag, listDecisions, withdrawItem } from '../services/moderation.js';
import { DecisionInput, decideReview } from '../services/review-decisions.js';
import { getReview, listReviews, reviewDetail, reviewSummary, ReviewFilter, reviewThumbKey } from '../services/reviews.js';

export const moderationRoutes = router();
moderationRoutes.use('*', requireRole('moderator'));
const tags = ['moderation'];

const Flag = z
  .object({
    id: z.string(), itemId: z.string(), reason: z.string(), note: z.string().nullable(), status: z.string(), createdAt: z.string(),
    decidedAt: z.string().nullable(), itemTitle: z.string().nullable(), itemStatus: z.string().nullable(),
  })
  .openapi('Flag');
const Decision = z
  .object({ id: z.string(), flagId: z.string(), itemId: z.string(), moderatorId: z.string(), action: z.string(), note: z.string().nullable(), at: z.string() })
  .openapi('Decision');
const ReviewSummary = z
  .object({
    id: z.string(), itemId: z.string(), status: z.enum(['open', 'approved', 'rejected', 'superseded']), mainCode: z.string(), source: z.string(),
    release: z.string(), title: z.string(), sha256: z.string().nullable(), hasThumb: z.boolean(), createdAt: z.string(),
    decidedLicence: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), note: z.string().nullable(),
  })
  .openapi('ReviewSummary');
const Review = ReviewSummary.extend({
  evidenceHash: z.string(),
  reasons: z.array(z.object({ code: z.string(), detail: z.string() })),
  evidence: z.record(z.string(), z.unknown()).openapi({ description: 'The review record publish stored: licence as stated, who asserted it, URLs, provenance, original record' }),
  updatedAt: z.string(),
}).openapi('Review');
const WithdrawalOut = z.object({ id: z.string(), itemId: z.string(), sha256: z.string(), reason: z.string(), at: z.string() }).openapi('Withdrawal');
const LogEntry = z
  .object({
    kind: z.enum(['review', 'flag', 'withdrawal', 'claim']), id: z.string(), itemId: z.string(), title: z.string().nullable(), action: z.string(),
    licence: z.string().nullable(), by: z.string().nullable(), byEmail: z.string().nullable(), at: z.string(), note: z.string().nullable(),
  })
  .openapi('LogEntry');
const Limit = z.coerce.number().int().min(1).max(500).default(100);
const conflict = errors[403]; // same error shape

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/reviews', tags, security: bearer, summary: 'The review queue (oldest first): items the pipeline held for a person to verify',
    request: { query: ReviewFilter },
    responses: { 200: json(z.object({ reviews: z.array(ReviewSummary), cursor: z.string().nullable() }), 'A page of reviews'), ...errors },
  }),
  async (c) => c.json(await listReviews(c.var.db, c.req.valid('query')), 200),
);

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/reviews/{id}', tags, security: bearer, summary: 'One review with its reasons and evidence',
    request: { params: IdParam }, responses: { 200: json(z.object({ review: Review }), 'The review'), ...errors },
  }),
  async (c) => c.json({ review: reviewDetail(await getReview(c.var.db, c.req.valid('param').id)) }, 200),
);

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/reviews/{id}/thumb', tags, security: bearer, summary: 'The review’s private thumbnail (never public)',
    request: { params: IdParam }, responses: { 200: { description: 'The image' }, ...errors },
  }),
  async (c) => {
    const key = reviewThumbKey(await getReview(c.var.db, c.req.valid('param').id));
    const obj = key ? await c.env.FILES.get(key) : null;
    if (!obj) throw notFound('thumbnail');
    return new Response(obj.body, { headers: { 'Content-Type': obj.httpMetadata?.contentType ?? 'image/webp', 'Cache-Control': 'private, no-store' } });
  },
);

moderationRoutes.openapi(
  createRoute({
    method: 'post', path: '/reviews/{id}/decision', tags, security: bearer,
    summary: 'Approve (as cc0-1.0 or pdm-1.0) or reject an open review, with a note saying what was verified',
    request: { params: IdParam, ...jsonBody(DecisionInput) },
    responses: { 200: json(z.object({ review: ReviewSummary }), 'Decision recorded'), 409: { ...conflict, description: 'review_closed: decided already, or superseded by a changed record' }, ...errors },
  }),
  async (c) => {
    const row = await decideReview(c.var.db, c.env, c.var.caller.accountId, c.req.valid('param').id, c.req.valid('json'));
    return c.json({ review: reviewSummary(row) }, 200);
  },
);

moderationRoutes.openapi(
  createRoute({
    method: 'post', path: '/items/{id}/withdraw', tags, security: bearer, summary: 'Withdraw a live item at once (downloads answer 451; recorded for the next release and in /v1/changes)',
    request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().min(1, 'a reason is required').max(1000) })) },
    responses: { 200: json(z.object({ withdrawal: WithdrawalOut }), 'Withdrawn'), 409: { ...conflict, description: 'not_live: the item is not live' }, ...errors },
  }),
  async (c) => {
    const w = await withdrawItem(c.var.db, c.env, c.var.caller.accountId, c.req.valid('param').id, c.req.valid('json').reason);
    return c.json({ withdrawal: w }, 200);
  },
);

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/flags', tags, security: bearer,
    request: { query: z.object({ status: z.enum(['open', 'dismissed', 'withdrawn']).default('open'), limit: Limit }) },
    responses: { 200: json(z.object({ flags: z.array(Flag) }), 'The queue (oldest first)'), ...errors },
  }),
  async (c) => {
    const { status, limit } = c.req.valid('query');
    return c.json({ flags: await listFlags(c.var.db, status, limit) }, 200);
  },
);

moderationRoutes.openapi(
  createRoute({
    method: 'post', path: '/flags/{id}/decision', tags, security: bearer,
    request: { params: IdParam, ...jsonBody(z.object({ action: z.enum(['dismiss', 'withdraw']), note: z.string().max(2000).optional() })) },
    responses: { 200: json(z.object({ decision: Decision }), 'Decision recorded'), 409: conflict, ...errors },
  }),
  async (c) => {
    const { action, note } = c.req.valid('json');
    return c.json({ decision: await decideFlag(c.var.db, c.env, c.var.caller.accountId, c.req.valid('param').id, action, note) }, 200);
  },
);

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/decisions', tags, security: bearer, summary: 'Flag decisions (newest first)', request: { query: z.object({ limit: Limit }) },
    responses: { 200: json(z.object({ decisions: z.array(Decision) }), 'Decision log (newest first)'), ...errors },
  }),
  async (c) => c.json({ decisions: await listDecisions(c.var.db, c.req.valid('query').limit) }, 200),
);

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/log', tags, security: bearer, summary: 'Every moderator decision: reviews decided, flag decisions, direct withdrawals, match claims decided (newest first)',
    request: { query: LogQuery },
    responses: { 200: json(z.object({ entries: z.array(LogEntry), before: z.string().nullable() }), 'A page of the log; `before` continues it'), ...errors },
  }),
  async (c) => c.json(await decisionLog(c.env, c.req.valid('query')), 200),
);
