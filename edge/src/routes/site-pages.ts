// GET/HEAD /item/*: the gallery's item pages — a static asset when the deployment holds it, else from R2 under site/.
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';
import { pageKey } from '../services/site-pages.js';

export const sitePageRoutes = new Hono<AppEnv>();

const pageHeaders = (page: R2Object): Headers =>
  new Headers({ 'Content-Type': 'text/html; charset=utf-8', ETag: page.httpEtag, 'Cache-Control': 'public, max-age=0, must-revalidate' });

// A large catalogue's item pages are left out of the static assets (`.assetsignore`, written by `clearance site`) and
// uploaded to R2 by `clearance publish --site`; a small one's are assets. Either way the asset wins when it exists,
// and a miss in both answers the site's own 404 page (the assets' answer, read rather than cancelled when unused).
sitePageRoutes.on(['GET', 'HEAD'], '/*', async (c) => {
  const asset = await c.env.ASSETS.fetch(c.req.raw);
  if (asset.status !== 404) return asset;
  const path = new URL(c.req.url).pathname;
  const key = pageKey(path);
  if (!key) return asset;
  if (!path.endsWith('/')) {
    // as the assets' auto-trailing-slash does for a folder's index.html
    if (!(await c.env.FILES.head(key))) return asset;
    await asset.arrayBuffer();
    return c.redirect(`${path}/${new URL(c.req.url).search}`, 307);
  }
  if (c.req.method === 'HEAD') {
    const page = await c.env.FILES.head(key);
    if (!page) return asset;
    await asset.arrayBuffer();
    const headers = pageHeaders(page);
    headers.set('Content-Length', String(page.size));
    return new Response(null, { headers });
  }
  const page = await c.env.FILES.get(key, { onlyIf: c.req.raw.headers });
  if (!page) return asset;
  await asset.arrayBuffer();
  const headers = pageHeaders(page);
  if (!('body' in page)) return new Response(null, { status: 304, headers }); // If-None-Match matched
  headers.set('Content-Length', String(page.size));
  return new Response((page as R2ObjectBody).body, { headers });
});
