// The caller's own API keys: list, create (secret shown once) and revoke (refused at once).
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, ErrorSchema, errors, IdParam, json, router } from '../http/validation.js';
import { createKey, listKeys, revokeKey } from '../services/keys.js';

export const keyRoutes = router();
keyRoutes.use('*', requireKey);
const tags = ['account'];

const KeySchema = z
  .object({ id: z.string(), prefix: z.string(), name: z.string().nullable(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .openapi('ApiKey');

keyRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags, security: bearer, responses: { 200: json(z.object({ keys: z.array(KeySchema) }), 'Keys (no secrets)'), ...errors } }),
  async (c) => c.json({ keys: await listKeys(c.var.db, c.var.caller.accountId) }, 200),
);

keyRoutes.openapi(
  createRoute({
    method: 'post', path: '/', tags, security: bearer,
    request: { body: { content: { 'application/json': { schema: z.object({ name: z.string().max(100).optional() }) } }, required: false } },
    summary: 'Create a key (at most 20 active keys an account)',
    responses: {
      201: json(z.object({ id: z.string(), prefix: z.string(), name: z.string().nullable(), createdAt: z.string(), key: z.string() }), 'The new key, shown once'),
      ...errors,
      409: json(ErrorSchema, 'The account already has 20 active keys (`too_many_keys`): revoke one first'),
    },
  }),
  async (c) => {
    const body = c.req.valid('json') as { name?: string } | undefined;
    return c.json(await createKey(c.var.db, c.var.caller.accountId, body?.name ?? null), 201);
  },
);

keyRoutes.openapi(
  createRoute({ method: 'delete', path: '/{id}', tags, security: bearer, request: { params: IdParam }, responses: { 200: json(z.object({ key: KeySchema }), 'Revoked'), ...errors } }),
  async (c) => c.json({ key: await revokeKey(c.var.db, c.var.caller.accountId, c.req.valid('param').id) }, 200),
);
