// The rights holder's API under /v1/holder (Bearer key of a holder's account): submit a work (multipart), list works
// with status and reasons, withdraw one. Prices: PUT /v1/rightsholder/items/{id}/price or PUT /v1/holder/works/{id}/price.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requireKey } from '../http/auth.js';
import { uploadBodyLimit } from '../http/body-limit.js';
import { bearer, ErrorSchema, errors, IdParam, json, jsonBody, router } from '../http/validation.js';
import { ApiError } from '../services/errors.js';
import { holderOfAccount } from '../services/holders.js';
import { MAX_PRICE_MICROS } from '../services/prices.js';
import { MAX_UPLOAD_BYTES, priceWork, submitWork, withdrawWork, worksOf } from '../services/submissions.js';
import type { AppEnv } from '../types/env.js';
import { readMultipart } from '../http/form.js';

export const holderApiRoutes = router();
const tags = ['holder'];

/** The path whose body may be larger than the /v1 limit (index.ts lets it through; this module limits it). */
export const UPLOAD_PATH = '/v1/holder/works';

holderApiRoutes.use('*', requireKey);
const holderOf = async (c: Context<AppEnv>) => {
  const h = await holderOfAccount(c.var.db, c.var.caller.accountId);
  if (!h) throw new ApiError(403, 'forbidden', 'this account did not sign up as a rights holder (/holder/sign-up)');
  return h;
};

const Work = z.object({
  id: z.string(), itemId: z.string(), title: z.string(), creator: z.string(), priceMicros: z.number(), generativeTraining: z.boolean(),
  format: z.string(), width: z.number(), height: z.number(), createdAt: z.string(),
  status: z.enum(['pending', 'accepted', 'held', 'rejected', 'withdrawn']), reasons: z.array(z.string()),
});
const UploadFields = z.object({
  title: z.string().trim().min(1).max(300),
  creator: z.string().trim().min(1).max(200),
  priceMicros: z.coerce.number().int().min(0).max(MAX_PRICE_MICROS),
  generativeTraining: z.enum(['yes', 'no']),
});

holderApiRoutes.openapi(
  createRoute({
    method: 'get', path: '/works', tags, security: bearer, summary: 'Your works, newest first, with status (pending, accepted, held, rejected, withdrawn) and reasons',
    responses: { 200: json(z.object({ holder: z.object({ id: z.string(), status: z.string() }), works: z.array(Work) }), 'Your works'), ...errors },
  }),
  async (c) => {
    const h = await holderOf(c);
    return c.json({ holder: { id: h.id, status: h.status }, works: await worksOf(c.var.db, h.id) }, 200);
  },
);

holderApiRoutes.post(
  '/works',
  uploadBodyLimit,
  async (c) => {
    const h = await holderOf(c);
    const body = await readMultipart(c, 'send multipart/form-data with file, title, creator, priceMicros, generativeTraining');
    const fields = UploadFields.safeParse(body);
    if (!fields.success) throw new ApiError(400, 'invalid_request', fields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500));
    const file = body.file;
    if (!(file instanceof File)) throw new ApiError(400, 'invalid_request', 'file: the original is required');
    const sub = await submitWork(c.var.db, c.env, h, { ...fields.data, generativeTraining: fields.data.generativeTraining === 'yes' }, { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type });
    return c.json({ work: { id: sub.id, itemId: sub.itemId, sha256: sub.sha256, format: sub.format, width: sub.width, height: sub.height, status: 'pending' } }, 201);
  },
);
holderApiRoutes.openAPIRegistry.registerPath({
  method: 'post', path: '/works', tags, security: bearer,
  summary: `Submit a work (verified holders): multipart/form-data with file (JPEG/PNG/WebP/TIFF by its bytes, ≤ ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB, ≤ 100 MP, sides ≥ 64 px), title, creator, priceMicros (0–${MAX_PRICE_MICROS}), generativeTraining (yes|no). Stored under R2 incoming/ (never public) until the next release.`,
  responses: {
    201: { description: 'Submitted: { work: { id, itemId, sha256, format, width, height, status } }' },
    400: { description: 'Invalid fields, empty file, image too small' },
    403: { description: '`holder_not_verified` or `holder_revoked`, or not a holder account', content: { 'application/json': { schema: ErrorSchema } } },
    413: { description: 'Too large (bytes or pixels)' },
    415: { description: '`not_an_image` or `type_mismatch` (the declared type is not what the bytes are)' },
  },
});

holderApiRoutes.openapi(
  createRoute({
    method: 'put', path: '/works/{id}/price', tags, security: bearer, summary: 'Set the price of one of your works (µ$ a download)',
    request: { params: IdParam, ...jsonBody(z.object({ priceMicros: z.number().int().min(0).max(MAX_PRICE_MICROS) })) },
    responses: { 200: json(z.object({ work: z.object({ id: z.string(), itemId: z.string(), priceMicros: z.number() }) }), 'Price set'), ...errors },
  }),
  async (c) => c.json({ work: await priceWork(c.var.db, await holderOf(c), c.req.valid('param').id, c.req.valid('json').priceMicros) }, 200),
);

holderApiRoutes.openapi(
  createRoute({
    method: 'post', path: '/works/{id}/withdraw', tags, security: bearer, summary: 'Withdraw one of your works: 451 on download at once, optout.withdrawn in the next release',
    request: { params: IdParam, ...jsonBody(z.object({ reason: z.string().trim().min(1).max(500) })) },
    responses: { 200: json(z.object({ work: z.object({ id: z.string(), itemId: z.string(), status: z.literal('withdrawn') }) }), 'Withdrawn'), ...errors },
  }),
  async (c) => c.json({ work: await withdrawWork(c.var.db, c.env, await holderOf(c), c.req.valid('param').id, c.req.valid('json').reason) }, 200),
);
