// GET/HEAD /files/thumb/* and /files/preview/*: public thumbnails and item-page previews straight from R2 (originals
// never); 410 once every item using the thumbnail (a preview is named after its thumbnail) is withdrawn.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../types/env.js';
import { errorResponse } from '../http/errors.js';
import { withdrawalDate } from '../services/gone-page.js';
import { decodedPath, thumbWithdrawn } from '../services/withdrawn.js';

export const fileRoutes = new Hono<AppEnv>();

const THUMB_KEY = /^thumb\/[0-9a-f]{2}\/[0-9a-f]{64}\.(webp|avif|jpg|png)$/;
const PREVIEW_KEY = /^preview\/([0-9a-f]{2})\/([0-9a-f]{64})\.webp$/;

/** The thumbnail a key's withdrawal is decided by: itself, or for a preview the thumbnail it is named after. */
const thumbOf = (key: string): string => key.replace(PREVIEW_KEY, 'thumb/$1/$2.webp');

/** Thumbnails are content-addressed, but a withdrawal must reach browsers soon: a minute, then an ETag revalidation. */
const THUMB_CACHE = 'public, max-age=60';

// HEAD is routed here as a GET (Hono), and answered with the same status and headers.
async function servePublic(c: Context<AppEnv>, pattern: RegExp, what: string): Promise<Response> {
  const key = decodedPath(new URL(c.req.url).pathname.replace(/^\/files\//, ''));
  if (key === null || !pattern.test(key)) return errorResponse(c, 404, 'not_found', `no such ${what}`);
  const [gone, obj] = await Promise.all([thumbWithdrawn(c.env.DB, thumbOf(key)), c.env.FILES.get(key, { onlyIf: c.req.raw.headers })]);
  if (gone) {
    if (obj && 'body' in obj) await obj.body.cancel();
    const when = gone.at ? ` on ${withdrawalDate(gone.at)}` : '';
    return errorResponse(c, 410, 'gone', `this image was withdrawn from the catalogue${when}`, { 'Cache-Control': 'no-store' });
  }
  if (!obj) return errorResponse(c, 404, 'not_found', `no such ${what}`);
  const headers = new Headers({
    ETag: obj.httpEtag,
    'Cache-Control': THUMB_CACHE,
    'Content-Type': obj.httpMetadata?.contentType ?? 'image/webp',
  });
  if (!('body' in obj)) return new Response(null, { status: 304, headers });
  headers.set('Content-Length', String(obj.size));
  return new Response(obj.body, { headers });
}

fileRoutes.get('/thumb/*', (c) => servePublic(c, THUMB_KEY, 'thumbnail'));
fileRoutes.get('/preview/*', (c) => servePublic(c, PREVIEW_KEY, 'preview'));
