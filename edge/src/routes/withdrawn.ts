// GET /v1/withdrawn: which of some items (by id or by item page path) are withdrawn now, for pages built before it.
import { createRoute, z } from '@hono/zod-openapi';
import { errors, json, router } from '../http/validation.js';
import { badRequest } from '../services/errors.js';
import { decodedPath, MAX_PARAMS, withdrawnAmong, withdrawnAtPaths } from '../services/withdrawn.js';

export const withdrawnRoutes = router();

/** One value or the repeated parameter's values. */
const many = (max: number, example: string) =>
  z
    .union([z.string().min(1).max(max), z.array(z.string().min(1).max(max)).max(MAX_PARAMS)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .openapi({ type: 'array', items: { type: 'string' }, example: [example] });

withdrawnRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags: ['changes'],
    summary: 'Which of these items are withdrawn now (no key needed)',
    description:
      'Repeat `id` (catalogue ids) and `path` (gallery item page paths, `/item/<source>/<id>/`), at most 100 in all. ' +
      'The answer lists those of them that are withdrawn, as given. The gallery’s search page drops such hits; ' +
      'the feed at /v1/changes says when and why.',
    request: { query: z.object({ id: many(300, 'museum:obj-1'), path: many(1000, '/item/museum/obj-1/') }) },
    responses: {
      200: json(z.object({ ids: z.array(z.string()), paths: z.array(z.string()) }).openapi('WithdrawnAmong'), 'The withdrawn ones'),
      400: errors[400],
    },
  }),
  async (c) => {
    const { id: ids, path: paths } = c.req.valid('query');
    if (ids.length + paths.length === 0) throw badRequest('give at least one id or path');
    if (ids.length + paths.length > MAX_PARAMS) throw badRequest(`at most ${MAX_PARAMS} ids and paths in all`);
    const decoded = paths.map((p) => decodedPath(p));
    const [byId, byPath] = await Promise.all([
      withdrawnAmong(c.env.DB, ids),
      withdrawnAtPaths(c.env.DB, decoded.filter((p): p is string => p !== null)),
    ]);
    c.header('Cache-Control', 'no-store');
    return c.json({ ids: ids.filter((id) => byId.has(id)), paths: paths.filter((_, i) => byPath.has(decoded[i] ?? '')) }, 200);
  },
);
