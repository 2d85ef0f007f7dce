// Moderators only: the flag queue, decisions (dismiss or withdraw) and the decision log.
import { createRoute, z } from '@hono/zod-openapi';
import { requireRole } from '../http/auth.js';
import { bearer, errors, IdParam, json, jsonBody, router } from '../http/validation.js';
import { listFlags } from '../services/flags.js';
import { decide, listDecisions } from '../services/moderation.js';

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
const Limit = z.coerce.number().int().min(1).max(500).default(100);

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
    responses: { 200: json(z.object({ decision: Decision }), 'Decision recorded'), 409: errors[403], ...errors },
  }),
  async (c) => {
    const { action, note } = c.req.valid('json');
    return c.json({ decision: await decide(c.var.db, c.var.caller.accountId, c.req.valid('param').id, action, note) }, 200);
  },
);

moderationRoutes.openapi(
  createRoute({
    method: 'get', path: '/decisions', tags, security: bearer, request: { query: z.object({ limit: Limit }) },
    responses: { 200: json(z.object({ decisions: z.array(Decision) }), 'Decision log (newest first)'), ...errors },
  }),
  async (c) => c.json({ decisions: await listDecisions(c.var.db, c.req.valid('query').limit) }, 200),
);
