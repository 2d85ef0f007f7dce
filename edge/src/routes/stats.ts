// GET /v1/stats: how many items are live and withdrawn, and live items per source, licence, release and format.
import { createRoute, z } from '@hono/zod-openapi';
import { json, router } from '../http/validation.js';
import { catalogueStats } from '../services/facets.js';

export const statsRoutes = router();

const Counts = z.array(z.object({ value: z.string().nullable(), count: z.number().int() }));

statsRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags: ['items'], summary: 'Catalogue counts (no key needed)',
    description: 'Live and withdrawn item counts, and live items per source, licence, release and format of the served file (the 100 largest values of each, largest first). Cached for a minute.',
    responses: {
      200: json(z.object({ items: z.object({ live: z.number().int(), withdrawn: z.number().int() }), sources: Counts, licences: Counts, releases: Counts, formats: Counts }).openapi('Stats'), 'The counts'),
    },
  }),
  async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(await catalogueStats(c.var.db), 200);
  },
);
