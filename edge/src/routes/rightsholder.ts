// Rights holders only: their items and prices, a monthly statement, and the audit of every download of their works.
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import { requireRole } from '../http/auth.js';
import { bearer, ErrorSchema, errors, IdParam, json, jsonBody, Month, router } from '../http/validation.js';
import { rightsHoldersOf } from '../services/accounts.js';
import { monthOf } from '../services/months.js';
import { MAX_PRICE_MICROS } from '../services/prices.js';
import { audit, ownItems, setPrice, statement } from '../services/rightsholder.js';

export const rightsHolderRoutes = router();
rightsHolderRoutes.use('*', requireRole('rightsholder'));
const tags = ['rightsholder'];
const names = (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => rightsHoldersOf(c.var.db, c.var.caller.accountId);
const Limit = z.coerce.number().int().min(1).max(1000).default(100);

rightsHolderRoutes.openapi(
  createRoute({
    method: 'get', path: '/items', tags, security: bearer, request: { query: z.object({ limit: Limit }) },
    responses: { 200: json(z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), rightsHolder: z.string().nullable(), priceMicros: z.number(), priceSource: z.string(), status: z.string() })) }), 'Your items'), ...errors },
  }),
  async (c) => c.json({ items: await ownItems(c.var.db, await names(c), c.req.valid('query').limit) }, 200),
);

rightsHolderRoutes.openapi(
  createRoute({
    method: 'put', path: '/items/{id}/price', tags, security: bearer,
    summary: 'Set the price of one of your opted-in items (µ$ a download, at most 1,000,000,000)',
    request: { params: IdParam, ...jsonBody(z.object({ priceMicros: z.number().int().min(0).max(MAX_PRICE_MICROS) })) },
    responses: {
      200: json(z.object({ item: z.object({ id: z.string(), priceMicros: z.number(), priceSource: z.string() }) }), 'Price set (publish keeps it)'),
      ...errors,
      409: json(ErrorSchema, 'Not an opted-in item (`not_optin`): CC0 and public-domain works take no price'),
    },
  }),
  async (c) => c.json({ item: await setPrice(c.var.db, await names(c), c.req.valid('param').id, c.req.valid('json').priceMicros) }, 200),
);

rightsHolderRoutes.openapi(
  createRoute({
    method: 'get', path: '/statement', tags, security: bearer, request: { query: z.object({ month: Month.optional() }) },
    responses: {
      200: json(z.object({ month: z.string(), rightsHolders: z.array(z.string()), downloads: z.number(), earningsMicros: z.number(), items: z.array(z.object({ itemId: z.string(), downloads: z.number(), earningsMicros: z.number() })) }), 'Monthly statement'),
      ...errors,
    },
  }),
  async (c) => c.json(await statement(c.var.db, await names(c), c.req.valid('query').month ?? monthOf(new Date())), 200),
);

rightsHolderRoutes.openapi(
  createRoute({
    method: 'get', path: '/audit', tags, security: bearer,
    request: { query: z.object({ month: Month.optional(), limit: Limit, cursor: z.string().max(200).optional() }) },
    responses: {
      200: json(z.object({ downloads: z.array(z.object({ id: z.string(), itemId: z.string(), rightsHolder: z.string().nullable(), customer: z.string().openapi({ description: 'The buyer as a pseudonym: the same for one customer of one rights holder, unrelated between holders (never an account id or key)' }), at: z.string(), priceMicros: z.number(), via: z.string() })), cursor: z.string().nullable() }), 'Every charged download of your works'),
      ...errors,
    },
  }),
  async (c) => {
    const { month, limit, cursor } = c.req.valid('query');
    return c.json(await audit(c.var.db, c.env, await names(c), month, limit, cursor), 200);
  },
);
