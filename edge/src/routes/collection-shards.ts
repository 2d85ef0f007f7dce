// GET /v1/collections/:id/shards/<k>.tar: a collection's live items as a WebDataset shard streamed by the Worker,
// metered per item exactly like the collection manifest's signed URLs (mounted inside the collection routes).
import { z } from '@hono/zod-openapi';
import { errorResponse } from '../http/errors.js';
import { bearer, errors, router } from '../http/validation.js';
import { chargeShard, SHARD_MAX_ITEMS, shardItems, writeShard } from '../services/collection-shards.js';
import { ApiError } from '../services/errors.js';
import { secondsUntilNextMonth } from '../services/months.js';

export const collectionShardRoutes = router();

const Query = z.object({ size: z.coerce.number().int().min(1).max(SHARD_MAX_ITEMS).default(100) });

collectionShardRoutes.openAPIRegistry.registerPath({
  method: 'get', path: '/{id}/shards/{file}', tags: ['collections'], security: bearer,
  summary: "A WebDataset shard (tar) of the collection's live items, each charged like a manifest download",
  description: '`file` is `<k>.tar` (k = 0, 1, …); `size` items a shard in the manifest order. Members `<key>.<ext>`, `<key>.json`, `<key>.txt`. Headers X-Items, X-Charged-Micros, X-Refused.',
  request: { params: z.object({ id: z.string(), file: z.string().openapi({ example: '0.tar' }) }), query: Query },
  responses: { 200: { description: 'The shard', content: { 'application/x-tar': { schema: z.any() } } }, ...errors },
});
collectionShardRoutes.get('/:id/shards/:file', async (c) => {
  const m = /^(0|[1-9]\d{0,6})\.tar$/.exec(c.req.param('file'));
  if (!m) throw new ApiError(404, 'not_found', 'shards are named <k>.tar, k = 0, 1, …');
  const q = Query.safeParse({ size: c.req.query('size') ?? undefined });
  if (!q.success) throw new ApiError(400, 'invalid_request', `size: a whole number from 1 to ${SHARD_MAX_ITEMS}`);
  const caller = c.var.caller;
  const rows = await shardItems(c.var.db, caller, c.req.param('id'), Number(m[1]), q.data.size);
  const { ok, refused } = await chargeShard(c.env.DB, caller, rows, c.var.requestId);
  if (!ok.length) {
    const why = refused[0]?.reason;
    if (why === 'quota') return errorResponse(c, 429, 'quota_exceeded', 'monthly download quota reached', { 'Retry-After': String(secondsUntilNextMonth(new Date())) });
    if (why === 'spend_cap') throw new ApiError(402, 'spend_cap_reached', 'your monthly spending cap leaves nothing for this shard');
    throw new ApiError(409, 'nothing_to_send', `no item of this shard could be delivered (${why ?? 'none'})`);
  }
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const done = writeShard(c.env.DB, c.env.FILES, ok, writable);
  try {
    c.executionCtx.waitUntil(done);
  } catch {
    /* no execution context (plain app.request): the promise still runs */
  }
  const headers = new Headers({
    'Content-Type': 'application/x-tar',
    'Content-Disposition': `attachment; filename="${c.req.param('id')}-${m[1]}.tar"`,
    'Cache-Control': 'private, no-store',
    'X-Items': String(ok.length),
    'X-Charged-Micros': String(ok.reduce((a, x) => a + x.micros, 0)),
    'X-Refused': JSON.stringify(refused.slice(0, 50)),
  });
  return new Response(readable, { headers });
});

