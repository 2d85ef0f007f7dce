// Item routes: public listing and lookup, and the metered, priced download of originals.
import { createRoute, z } from '@hono/zod-openapi';
import { credentialForDownload, optionalCaller } from '../http/auth.js';
import { FacetsQuery, facetsOf, FilterSchema, filterHeaders, itemQueryOf, safetyFor, SearchQuery } from '../http/item-filters.js';
import { meteredDownload } from '../http/metered-download.js';
import { checkDeclaredUse, DECLARED_USES, termsOf } from '../services/work-terms.js';
import { bearer, ErrorSchema, errors, IdParam, json, router } from '../http/validation.js';
import { getLiveItem, listItems, publicItem } from '../services/items.js';
import { describeFilter } from '../services/safety-filter.js';

export const itemRoutes = router();
const tags = ['items'];

export const SafetySchema = z
  .object({
    nsfw: z.number().nullable().openapi({ description: 'Nudity score 0–1 (null: not scored)' }),
    faces: z.number().int().nullable().openapi({ description: 'Faces detected (null: not scored)' }),
    faceScore: z.number().nullable().openapi({ description: 'Highest face-detection confidence 0–1' }),
    textPii: z.boolean().nullable().openapi({ description: 'Personal data found in the item\'s text (null: published before scores reached the API)' }),
  })
  .openapi('Safety');

export const ItemSchema = z
  .object({
    id: z.string(), title: z.string(), creator: z.string().nullable(), description: z.string().nullable(), date: z.string().nullable(),
    tags: z.array(z.string()),
    source: z.string().nullable().openapi({ description: 'Release source name' }),
    sourceUrl: z.string().nullable().openapi({ description: 'The work\'s landing page' }),
    imageUrl: z.string().nullable().openapi({ description: 'Where the image was fetched from (provenance)' }),
    retrievedAt: z.string().nullable(), release: z.string(),
    licence: z.string(), licenceUrl: z.string().nullable(), rightsHolder: z.string().nullable(), priceMicros: z.number(),
    sha256: z.string().openapi({ description: 'SHA-256 of the served file (what the download streams)' }),
    sourceSha256: z.string().nullable().openapi({ description: 'SHA-256 of the image as fetched from its source' }),
    contentType: z.string(), format: z.string().nullable(), bytes: z.number(), width: z.number().nullable(), height: z.number().nullable(),
    safety: SafetySchema, thumbUrl: z.string(), downloadUrl: z.string(),
  })
  .openapi('Item');

const Facet = z.array(z.object({ value: z.string().nullable(), count: z.number() }));

itemRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags, summary: 'Search and list live items (no key needed; with a key, your account\'s safety default applies)',
    description: 'Live items in id order, matching every given filter. Page with the returned opaque `cursor`; it is bound to the query (a cursor used with other filters is a 400). The filter in force is in `filter` and the Clearance-Filter headers.',
    request: {
      query: SearchQuery.extend({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        cursor: z.string().max(1000).optional(),
        facets: FacetsQuery,
      }),
    },
    responses: {
      200: json(
        z.object({ items: z.array(ItemSchema), cursor: z.string().nullable(), filter: FilterSchema, facets: z.object({ source: Facet, licence: Facet, format: Facet, release: Facet }).partial().optional() }),
        'A page of items',
      ),
      400: errors[400],
      401: errors[401],
    },
  }),
  async (c) => {
    const v = c.req.valid('query');
    const caller = await optionalCaller(c);
    const safety = await safetyFor(c.var.db, caller?.accountId, v);
    const page = await listItems(c.var.db, itemQueryOf(v), safety, { limit: v.limit, cursor: v.cursor, facets: facetsOf(v.facets) });
    for (const [k, val] of Object.entries(filterHeaders(safety))) c.header(k, val);
    if (caller) c.header('Cache-Control', 'private, no-store');
    return c.json({ ...page, filter: describeFilter(safety) }, 200);
  },
);

itemRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}', tags, summary: 'One item', request: { params: IdParam },
    responses: {
      200: json(z.object({ item: ItemSchema, terms: z.object({ generativeTraining: z.boolean() }).nullable().openapi({ description: 'An opt-in work’s terms as its rights holder set them (null: none; CC0/PD works carry none). A download declaring use=generative-training is refused where generativeTraining is false.' }) }), 'The item'),
      404: errors[404], 451: json(z.any(), 'Withdrawn'),
    },
  }),
  async (c) => {
    const id = c.req.valid('param').id;
    const [item, terms] = await Promise.all([getLiveItem(c.var.db, id), termsOf(c.var.db, id)]);
    return c.json({ item: publicItem(item), terms }, 200);
  },
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
  use: z.enum(DECLARED_USES).optional().openapi({ description: 'The use you declare: `generative-training` is refused (403 `terms_refused`, nothing charged) for opt-in works whose holder does not allow it' }),
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
      403: json(ErrorSchema, 'Bad signature, or `terms_refused`: the declared use is not allowed by the work’s terms'),
      502: json(z.any(), 'Storage failure (nothing charged)'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { cred, maxPriceMicros } = await credentialForDownload(c, id);
    await checkDeclaredUse(c.var.db, id, c.req.valid('query').use);
    return meteredDownload(c, cred, id, maxPriceMicros);
  },
);
