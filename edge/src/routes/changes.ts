// GET /v1/changes: the public consent-change feed (withdrawals, reinstatements, review decisions), paged by a cursor.
import { createRoute, z } from '@hono/zod-openapi';
import { errors, json, router } from '../http/validation.js';
import { listChanges } from '../services/changes.js';

export const changeRoutes = router();

const Change = z
  .object({
    seq: z.number().int().openapi({ description: 'Position in the feed (ascending)' }),
    itemId: z.string(),
    sha256: z.string().nullable().openapi({ description: 'SHA-256 of the image as fetched from its source (a manifest\'s `sourceSha256`; a manifest\'s `sha256` is the served file\'s), to find the item in a downloaded copy' }),
    kind: z.enum(['withdrawn', 'reinstated', 'approved', 'rejected']),
    code: z.string().openapi({ example: 'optout.withdrawn' }),
    detail: z.string().nullable(),
    at: z.string().openapi({ example: '2026-11-25T10:00:00.000Z' }),
  })
  .openapi('Change');

changeRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags: ['changes'],
    summary: 'Consent changes after a cursor, oldest first (no key needed)',
    description:
      'Withdrawals, reinstatements and moderator review decisions, each with the item id, its sha256 and a reason code. ' +
      'Start without `since`; call again with the returned `cursor` while `more` is true, and keep the last cursor to ' +
      'resume later.',
    request: {
      query: z.object({
        since: z.string().regex(/^(0|[1-9]\d{0,14})$/, 'expected a cursor returned by this feed (a non-negative integer)').optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(500),
      }),
    },
    responses: {
      200: json(z.object({ changes: z.array(Change), cursor: z.string(), more: z.boolean() }).openapi('ChangePage'), 'A page of changes'),
      400: errors[400],
    },
  }),
  async (c) => {
    const { since, limit } = c.req.valid('query');
    c.header('Cache-Control', 'no-store');
    return c.json(await listChanges(c.var.db, Number(since ?? 0), limit), 200);
  },
);
