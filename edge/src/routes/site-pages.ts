// GET/HEAD of gallery pages through the Worker: item pages (asset, else R2; 410 once withdrawn) and list pages (cards of
// withdrawn items dropped), so a withdrawal shows everywhere at once, before any rebuild.
import { Hono } from 'hono';
import type { AppEnv } from '../types/env.js';
import { dropWithdrawnCards, MAX_PAGE_BYTES, readBounded } from '../services/gallery-filter.js';
import { GONE_HEADERS, gonePage } from '../services/gone-page.js';
import { pageKey } from '../services/site-pages.js';
import { decodedPath, withdrawnAtPath } from '../services/withdrawn.js';

export const sitePageRoutes = new Hono<AppEnv>();

/** The gallery's list pages (static assets, filtered here): wrangler.toml's run_worker_first must list them too. */
export const LIST_PAGES = ['/', '/page/*', '/source/*', '/licence/*', '/people/*'] as const;
export const listPageRoutes = new Hono<AppEnv>();

const pageHeaders = (page: R2Object): Headers =>
  new Headers({ 'Content-Type': 'text/html; charset=utf-8', ETag: page.httpEtag, 'Cache-Control': 'public, max-age=0, must-revalidate' });

/** Releases a response body the route will not send (read, as the assets' 404 page is below, not cancelled). */
const discard = async (res: Response): Promise<void> => {
  await res.arrayBuffer().catch(() => undefined);
};

// A large catalogue's item pages are left out of the static assets (`.assetsignore`, written by `clearance site`) and
// uploaded to R2 by `clearance publish --site`; a small one's are assets. Either way the asset wins when it exists,
// and a miss in both answers the site's own 404 page (the assets' answer, read rather than cancelled when unused).
// A withdrawn item (D1, read beside the asset) answers 410 with a small page instead, wherever its page is.
sitePageRoutes.on(['GET', 'HEAD'], '/*', async (c) => {
  const url = new URL(c.req.url);
  const path = url.pathname;
  const decoded = decodedPath(path);
  const [gone, asset] = await Promise.all([decoded ? withdrawnAtPath(c.env.DB, decoded) : null, c.env.ASSETS.fetch(c.req.raw)]);
  if (gone) {
    await discard(asset);
    return new Response(c.req.method === 'HEAD' ? null : gonePage(gone.at), { status: 410, headers: GONE_HEADERS });
  }
  if (asset.status !== 404) return asset;
  const key = pageKey(path);
  if (!key) return asset;
  if (!path.endsWith('/')) {
    // as the assets' auto-trailing-slash does for a folder's index.html
    if (!(await c.env.FILES.head(key))) return asset;
    await asset.arrayBuffer();
    return c.redirect(`${path}/${url.search}`, 307);
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

// A list page is read whole (always a full 200: a cached copy may hold a card withdrawn since), its withdrawn cards
// are dropped, and it is sent without validators and revalidated on every view.
listPageRoutes.on(['GET', 'HEAD'], [...LIST_PAGES], async (c) => {
  const headers = new Headers(c.req.raw.headers);
  for (const h of ['If-None-Match', 'If-Modified-Since', 'If-Match', 'If-Unmodified-Since', 'If-Range', 'Range']) headers.delete(h);
  const asset = await c.env.ASSETS.fetch(new Request(c.req.raw, { headers }));
  if (asset.status !== 200 || !(asset.headers.get('Content-Type') ?? '').startsWith('text/html')) return asset;
  const out = new Headers(asset.headers);
  for (const h of ['ETag', 'Last-Modified', 'Content-Length']) out.delete(h);
  out.set('Cache-Control', 'no-cache');
  if (c.req.method === 'HEAD' || !asset.body) {
    await discard(asset);
    return new Response(null, { headers: out });
  }
  const page = await readBounded(asset.body, MAX_PAGE_BYTES);
  if (page === null) throw new Error(`gallery page ${c.req.path} is larger than ${MAX_PAGE_BYTES} bytes: cards not checked`);
  return new Response((await dropWithdrawnCards(c.env.DB, page)).page, { headers: out });
});
