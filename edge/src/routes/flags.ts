// POST /v1/flags: anyone may report an item (validated, rate-limited per IPv4 address or IPv6 /64).
import { createRoute, z } from '@hono/zod-openapi';
import { errors, json, jsonBody, router } from '../http/validation.js';
import { clientKey } from '../services/client-key.js';
import { createFlag } from '../services/flags.js';

export const flagRoutes = router();

export const FlagReason = z.enum(['objectionable', 'infringing', 'privacy', 'other']);

flagRoutes.openapi(
  createRoute({
    method: 'post', path: '/', tags: ['flags'], summary: 'Report an item (no key needed)',
    request: jsonBody(z.object({ itemId: z.string().min(1).max(300), reason: FlagReason, note: z.string().max(2000).optional() }).openapi('FlagInput')),
    responses: { 201: json(z.object({ id: z.string() }), 'Flag recorded'), 400: errors[400], 404: errors[404], 429: json(z.any(), 'Too many flags from this client (an IPv4 address or an IPv6 /64) in the window; Retry-After') },
  }),
  async (c) => {
    // Only Cloudflare's CF-Connecting-IP names the client (X-Forwarded-For and the like are the client's to forge).
    const client = clientKey(c.req.header('CF-Connecting-IP'));
    return c.json(await createFlag(c.var.db, c.env, { ...c.req.valid('json'), client }), 201);
  },
);
