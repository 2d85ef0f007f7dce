// Private collections of the caller: CRUD, add/remove items, and signed manifests for bulk download.
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';
import { requireKey } from '../http/auth.js';
import { bearer, errors, IdParam, json, jsonBody, router } from '../http/validation.js';
import {
  addItems, collectionItemList, createCollection, deleteCollection, getOwned, listCollections, manifestRows,
  removeItem, requirePrivateCollections, updateCollection,
} from '../services/collections.js';
import { renderManifest } from '../services/manifest.js';
import { collectionShardRoutes } from './collection-shards.js';

export const collectionRoutes = router();
const planCheck: MiddlewareHandler<AppEnv> = async (c, next) => {
  await requirePrivateCollections(c.var.db, c.var.caller.planId);
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
    method: 'get', path: '/{id}', tags, security: bearer, request: { params: IdParam },
    responses: { 200: json(z.object({ collection: Collection, items: z.array(CollectionItem) }), 'The collection and its items'), ...errors },
  }),
  async (c) => {
    const row = await getOwned(c.var.db, c.var.caller.accountId, c.req.valid('param').id);
    return c.json({ collection: pick(row), items: await collectionItemList(c.var.db, row.id) }, 200);
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

collectionRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/items', tags, security: bearer,
    request: { params: IdParam, ...jsonBody(z.object({ itemIds: z.array(z.string().min(1).max(300)).min(1).max(500) })) },
    responses: { 200: json(z.object({ added: z.number() }), 'Items added (idempotent)'), ...errors },
  }),
  async (c) => c.json(await addItems(c.var.db, c.var.caller.accountId, c.req.valid('param').id, c.req.valid('json').itemIds), 200),
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
    request: { params: IdParam, query: z.object({ format: z.enum(['jsonl', 'csv', 'parquet']).default('jsonl'), ttl: z.coerce.number().int().min(60).max(86400).optional() }) },
    responses: {
      200: { description: 'The manifest', content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() }, 'application/vnd.apache.parquet': { schema: z.any() } } },
      ...errors,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { format, ttl } = c.req.valid('query');
    const ttlSeconds = ttl ?? (Number(c.env.SIGNED_URL_TTL) || 3600);
    const rows = await manifestRows(c.var.db, c.env, c.var.caller, id, new URL(c.req.url).origin, ttlSeconds);
    const { body, contentType } = renderManifest(rows, format);
    return new Response(body, {
      headers: { 'Content-Type': contentType, 'Cache-Control': 'private, no-store', 'Content-Disposition': `attachment; filename="${id}.${format}"` },
    });
  },
);
collectionRoutes.route('/', collectionShardRoutes);
