// GET /files/thumb/*: public thumbnails straight from R2 (fallback when not in the assets); originals never.
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { errorResponse } from '../http/errors.js';

export const fileRoutes = new Hono<AppEnv>();

const THUMB_KEY = /^thumb\/[0-9a-f]{2}\/[0-9a-f]{64}\.(webp|avif|jpg|png)$/;

fileRoutes.get('/thumb/*', async (c) => {
  const key = decodeURIComponent(new URL(c.req.url).pathname.replace(/^\/files\//, ''));
  if (!THUMB_KEY.test(key)) return errorResponse(c, 404, 'not_found', 'no such thumbnail');
  const obj = await c.env.FILES.get(key, { onlyIf: c.req.raw.headers });
  if (!obj) return errorResponse(c, 404, 'not_found', 'no such thumbnail');
  const headers = new Headers({
    ETag: obj.httpEtag,
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Content-Type': obj.httpMetadata?.contentType ?? 'image/webp',
  });
  if (!('body' in obj)) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(obj.size));
  return new Response(obj.body, { headers });
});
