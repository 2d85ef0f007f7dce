// Item routes: public listing and lookup, and the metered, priced download of originals.
import { createRoute, z } from '@hono/zod-openapi';
import { credentialForDownload } from '../http/auth.js';
import { meteredDownload } from '../http/metered-download.js';
import { bearer, ErrorSchema, errors, IdParam, json, router } from '../http/validation.js';
import { getLiveItem, listItems, publicItem } from '../services/items.js';

export const itemRoutes = router();
const tags = ['items'];

const ItemSchema = z
  .object({
    id: z.string(), title: z.string(), sha256: z.string(), contentType: z.string(), bytes: z.number(),
    licence: z.string(), rightsHolder: z.string().nullable(), priceMicros: z.number(), release: z.string(),
    thumbUrl: z.string(), downloadUrl: z.string(),
  })
  .openapi('Item');

itemRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags, summary: 'List live items',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), cursor: z.string().max(1000).optional() }) },
    responses: { 200: json(z.object({ items: z.array(ItemSchema), cursor: z.string().nullable() }), 'A page of items'), 400: errors[400] },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listItems(c.var.db, limit, cursor), 200);
  },
);

itemRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}', tags, summary: 'One item', request: { params: IdParam },
    responses: { 200: json(z.object({ item: ItemSchema }), 'The item'), 404: errors[404], 451: json(z.any(), 'Withdrawn') },
  }),
  async (c) => c.json({ item: publicItem(await getLiveItem(c.var.db, c.req.valid('param').id)) }, 200),
);

const DownloadQuery = z.object({
  maxPriceMicros: z
    .string()
    .regex(/^\d{1,15}$/, 'expected a whole number of micro-dollars')
    .optional()
    .openapi({ description: 'The most the item may cost (its price, µ$; the flat fee comes on top): 409 `price_above_max` and nothing charged when it costs more. In a signed URL: the price it was issued at, signed (409 `price_changed` when the price rose).', example: '5000' }),
  acct: z.string().max(100).optional(),
  kid: z.string().max(100).optional(),
  exp: z.string().max(20).optional(),
  sig: z.string().max(200).optional(),
});

itemRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/download', tags, security: bearer,
    summary: 'Download the original (metered: item price + 1,000 µ$ once per account, item and month)',
    description: 'Authenticate with a Bearer key or with the signed query (acct, kid, exp, maxPriceMicros, sig) of a collection manifest. Supports Range. A refused download (402, 409, 429) charges nothing; a repeat of a download paid this month is free and never refused for price, cap or quota.',
    request: { params: IdParam, query: DownloadQuery },
    responses: {
      200: { description: 'The original', content: { 'application/octet-stream': { schema: z.any() } } },
      206: { description: 'Part of the original' },
      ...errors,
      402: json(ErrorSchema, 'The account\'s monthly spending cap would be passed (`spend_cap_reached`; Retry-After until the month turns)'),
      409: json(ErrorSchema, 'The item costs more than maxPriceMicros (`price_above_max`) or than the signed URL was issued for (`price_changed`)'),
      416: json(z.any(), 'Range not satisfiable'),
      429: json(z.any(), 'Monthly quota spent (Retry-After until the month turns)'),
      451: json(z.any(), 'Withdrawn'),
      502: json(z.any(), 'Storage failure (nothing charged)'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { cred, maxPriceMicros } = await credentialForDownload(c, id);
    return meteredDownload(c, cred, id, maxPriceMicros);
  },
);
