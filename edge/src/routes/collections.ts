// Private collections of the caller: CRUD, add items (by id or by query)/remove them, and signed manifests for bulk download.
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../types/env.js';
import { requireKey } from '../http/auth.js';
import { FilterSchema, filterHeaders, itemQueryOf, parseQueryBody, QueryBody, safetyFor, SafetyQuery } from '../http/item-filters.js';
import { bearer, errors, IdParam, json, jsonBody, router } from '../http/validation.js';
import {
  addFromQuery, addItems, collectionItemList, createCollection, deleteCollection, getOwned, listCollections, manifestRows,
  MAX_FILL, removeItem, requirePrivateCollections, updateCollection,
} from '../services/collections.js';
import { renderManifest } from '../services/manifest.js';
import { describeFilter } from '../services/safety-filter.js';
import { collectionShardRoutes } from './collection-shards.js';

export const collectionRoutes = router();
// Reads stay open to an account that had private collections on an earlier plan (read-only after a downgrade).
const planCheck: MiddlewareHandler<AppEnv> = async (c, next) => {
  const read = c.req.method === 'GET' || c.req.method === 'HEAD';
  await requirePrivateCollections(c.var.db, c.var.caller.planId, read ? { accountId: c.var.caller.accountId } : undefined);
  await next();
};
collectionRoutes.use('*', requireKey, planCheck);
const tags = ['collections'];

const Collection = z
  .object({ id: z.string(), name: z.string(), description: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() })
  .openapi('Collection');
const CollectionItem = z.object({ id: z.string(), title: z.string(), status: z.string(), addedAt: z.string() });
const pick = (c: z.infer<typeof Collection>) => ({ id: c.id, name: c.name, description: c.description, createdAt: c.createdAt, updatedAt: c.updatedAt });
const Name = z.string().trim().min(1).max(200);
const Description = z.string().max(2000);

collectionRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags, security: bearer, responses: { 200: json(z.object({ collections: z.array(Collection.extend({ itemCount: z.number() })) }), 'Your collections'), ...errors } }),
  async (c) => c.json({ collections: await listCollections(c.var.db, c.var.caller.accountId) }, 200),
);

collectionRoutes.openapi(
  createRoute({
    method: 'post', path: '/', tags, security: bearer, request: jsonBody(z.object({ name: Name, description: Description.optional() })),
    responses: { 201: json(z.object({ collection: Collection }), 'Created'), ...errors },
  }),
  async (c) => {
    const { name, description } = c.req.valid('json');
    return c.json({ collection: pick(await createCollection(c.var.db, c.var.caller.accountId, name, description)) }, 201);
  },
);

collectionRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}', tags, security: bearer, request: { params: IdParam, query: SafetyQuery },
    summary: 'The collection and the items your safety filter keeps (your account default, overridden by the query)',
    responses: {
      200: json(z.object({ collection: Collection, items: z.array(CollectionItem), excluded: z.number().int().openapi({ description: 'Items of the collection the filter left out' }), filter: FilterSchema }), 'The collection and its items'),
      ...errors,
    },
  }),
  async (c) => {
    const row = await getOwned(c.var.db, c.var.caller.accountId, c.req.valid('param').id);
    const safety = await safetyFor(c.var.db, c.var.caller.accountId, c.req.valid('query'));
    const list = await collectionItemList(c.var.db, row.id, safety.filter);
    for (const [k, v] of Object.entries(filterHeaders(safety))) c.header(k, v);
    return c.json({ collection: pick(row), ...list, filter: describeFilter(safety) }, 200);
  },
);

collectionRoutes.openapi(
  createRoute({
    method: 'patch', path: '/{id}', tags, security: bearer,
    request: { params: IdParam, ...jsonBody(z.object({ name: Name.optional(), description: Description.nullable().optional() })) },
    responses: { 200: json(z.object({ collection: Collection }), 'Updated'), ...errors },
  }),
  async (c) => {
    const row = await updateCollection(c.var.db, c.var.caller.accountId, c.req.valid('param').id, c.req.valid('json'));
    return c.json({ collection: pick(row) }, 200);
  },
);

collectionRoutes.openapi(
  createRoute({ method: 'delete', path: '/{id}', tags, security: bearer, request: { params: IdParam }, responses: { 204: { description: 'Deleted' }, ...errors } }),
  async (c) => {
    await deleteCollection(c.var.db, c.var.caller.accountId, c.req.valid('param').id);
    return c.body(null, 204);
  },
);

const AddItems = z.union([
  z.object({ itemIds: z.array(z.string().min(1).max(300)).min(1).max(500) }).strict(),
  z.object({ query: QueryBody, limit: z.number().int().min(1).max(MAX_FILL).openapi({ description: `Most items to add (at most ${MAX_FILL}): the first matches in id order` }) }).strict(),
]);

collectionRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/items', tags, security: bearer,
    summary: 'Add items by id, or every live item a search matches (up to a limit)',
    description: 'With `query`: the search and filters of GET /v1/items, your account\'s safety default applying as there; the first `limit` matches in id order are added. Idempotent.',
    request: { params: IdParam, ...jsonBody(AddItems) },
    responses: {
      200: json(
        z.object({
          added: z.number().openapi({ description: 'By ids: how many were given (unique). By query: how many were new to the collection' }),
          matched: z.number().optional().openapi({ description: 'By query: how many matched (at most limit)' }),
          filter: FilterSchema.optional(),
        }),
        'Items added (idempotent)',
      ),
      ...errors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    if ('itemIds' in body) return c.json(await addItems(c.var.db, c.var.caller.accountId, id, body.itemIds), 200);
    const v = parseQueryBody(body.query);
    const safety = await safetyFor(c.var.db, c.var.caller.accountId, v);
    const res = await addFromQuery(c.var.db, c.var.caller.accountId, id, itemQueryOf(v), safety.filter, body.limit);
    return c.json({ ...res, filter: describeFilter(safety) }, 200);
  },
);

collectionRoutes.openapi(
  createRoute({
    method: 'delete', path: '/{id}/items/{itemId}', tags, security: bearer,
    request: { params: IdParam.extend({ itemId: z.string().min(1).max(300) }) },
    responses: { 204: { description: 'Removed' }, ...errors },
  }),
  async (c) => {
    const { id, itemId } = c.req.valid('param');
    await removeItem(c.var.db, c.var.caller.accountId, id, itemId);
    return c.body(null, 204);
  },
);

collectionRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/manifest', tags, security: bearer,
    summary: 'Manifest of live items with short-lived signed download URLs (metered like any download)',
    description: 'One row per live item the safety filter keeps (your account default, overridden by the query). Every file fact (sha256, bytes, width, height, format, contentType) is the served file\'s; sourceSha256 is the fetched image\'s. The filter is named in the Clearance-Filter headers, each row\'s `filter` column and, in Parquet, the footer metadata `clearance.filter`.',
    request: { params: IdParam, query: SafetyQuery.extend({ format: z.enum(['jsonl', 'csv', 'parquet']).default('jsonl'), ttl: z.coerce.number().int().min(60).max(86400).optional() }) },
    responses: {
      200: { description: 'The manifest', content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() }, 'application/vnd.apache.parquet': { schema: z.any() } } },
      ...errors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { format, ttl, ...filters } = c.req.valid('query');
    const ttlSeconds = ttl ?? (Number(c.env.SIGNED_URL_TTL) || 3600);
    const safety = await safetyFor(c.var.db, c.var.caller.accountId, filters);
    const rows = await manifestRows(c.var.db, c.env, c.var.caller, id, new URL(c.req.url).origin, ttlSeconds, safety);
    const { body, contentType } = renderManifest(rows, format, { 'clearance.filter': JSON.stringify(describeFilter(safety)) });
    return new Response(body, {
      headers: {
        'Content-Type': contentType, 'Cache-Control': 'private, no-store', 'Content-Disposition': `attachment; filename="${id}.${format}"`,
        ...filterHeaders(safety),
      },
    });
  },
);
collectionRoutes.route('/', collectionShardRoutes);
