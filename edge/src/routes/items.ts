// Item routes: public listing and lookup, and the metered, priced download of originals.
import { createRoute, z } from '@hono/zod-openapi';
import { credentialForDownload, touchLater } from '../http/auth.js';
import { errorResponse } from '../http/errors.js';
import { bearer, errors, IdParam, json, router } from '../http/validation.js';
import { downloadContext } from '../services/download-context.js';
import { chargeDownload, refundDownload } from '../services/downloads.js';
import { ApiError } from '../services/errors.js';
import { objectHeaders, parseRange, readObject } from '../services/files.js';
import { getLiveItem, listItems, publicItem, withdrawnError } from '../services/items.js';
import { monthOf, secondsUntilNextMonth } from '../services/months.js';

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

const SignedQuery = z.object({
  acct: z.string().max(100).optional(),
  kid: z.string().max(100).optional(),
  exp: z.string().max(20).optional(),
  sig: z.string().max(200).optional(),
});

itemRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/download', tags, security: bearer,
    summary: 'Download the original (metered: item price + 1,000 µ$ once per account, item and month)',
    description: 'Authenticate with a Bearer key or with the signed query (acct, kid, exp, sig) of a collection manifest. Supports Range.',
    request: { params: IdParam, query: SignedQuery },
    responses: {
      200: { description: 'The original', content: { 'application/octet-stream': { schema: z.any() } } },
      206: { description: 'Part of the original' },
      ...errors,
      416: json(z.any(), 'Range not satisfiable'),
      429: json(z.any(), 'Monthly quota spent (Retry-After until the month turns)'),
      451: json(z.any(), 'Withdrawn'),
      502: json(z.any(), 'Storage failure (nothing charged)'),
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const cred = await credentialForDownload(c, id);
    const now = new Date();
    // one D1 round trip: key, item and "already paid this month"
    const ctx = await downloadContext(c.env.DB, cred, id, monthOf(now));
    if (!ctx.caller) {
      if ('apiKey' in cred) throw new ApiError(401, 'unauthorized', ctx.revoked ? 'API key revoked' : 'invalid API key', { 'WWW-Authenticate': 'Bearer realm="clearance"' });
      throw new ApiError(403, 'bad_signature', 'the key behind this signed URL was revoked');
    }
    const { caller, item } = ctx;
    touchLater(c, caller.keyId, ctx.lastUsedAt);
    if (!item) throw new ApiError(404, 'not_found', 'item not found');
    if (item.status !== 'live') throw withdrawnError();
    if (c.req.method === 'HEAD') {
      // Metadata only: nothing is read from R2's body and nothing is charged.
      const head = await c.env.FILES.head(item.originalKey);
      if (!head) throw new ApiError(502, 'storage_unavailable', 'the file is missing from storage');
      return new Response(null, { headers: { 'Content-Type': item.contentType, 'Content-Length': String(head.size), ETag: head.httpEtag, 'Accept-Ranges': 'bytes' } });
    }
    const range = parseRange(c.req.header('Range'), item.bytes);
    // Already paid this month: free and not counted, no write. Otherwise the R2 read and one atomic conditional
    // charge run side by side; a failed read refunds the charge, so a failed read costs nothing.
    const [read, charge] = await Promise.allSettled([
      readObject(c.env.FILES, item.originalKey, range),
      ctx.paid ? Promise.resolve({ kind: 'repeat' as const }) : chargeDownload(c.env.DB, caller, item.id, c.var.requestId, now),
    ]);
    if (charge.status === 'rejected') {
      if (read.status === 'fulfilled') await read.value.body.cancel();
      throw charge.reason;
    }
    const outcome = charge.value;
    if (read.status === 'rejected') {
      if (outcome.kind === 'charged') await refundDownload(c.env.DB, c.var.requestId);
      throw read.reason;
    }
    const obj = read.value;
    if (outcome.kind === 'quota' || outcome.kind === 'withdrawn') {
      await obj.body.cancel();
      if (outcome.kind === 'withdrawn') throw withdrawnError();
      const retry = String(secondsUntilNextMonth(now));
      return errorResponse(c, 429, 'quota_exceeded', `monthly download quota reached for ${outcome.month}`, { 'Retry-After': retry });
    }
    const headers = objectHeaders(obj, item.contentType, range !== null);
    headers.set('Cache-Control', 'private, no-store');
    headers.set('Content-Disposition', `attachment; filename="${item.sha256}"`);
    headers.set('X-Charged-Micros', String(outcome.kind === 'charged' ? outcome.priceMicros + outcome.feeMicros : 0));
    return new Response(obj.body, { status: range ? 206 : 200, headers });
  },
);

