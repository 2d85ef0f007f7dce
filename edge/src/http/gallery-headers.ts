// Sets the gallery's security headers (site/src/lib/gallery-headers.ts) on the gallery pages the Worker serves itself
// (/item/*: from R2, redirects, 404s, 304s), so they match what the static assets' `_headers` file gives the others.
import type { MiddlewareHandler } from 'hono';
import { galleryHeaders } from '../../../site/src/lib/gallery-headers.js';

const defaults = Object.entries(galleryHeaders());

/**
 * Adds the gallery headers a response lacks: a page the Worker serves from R2 gets all of them; one it passes on from
 * the static assets keeps those `_headers` gave it (e.g. a CSP naming another API origin).
 */
export const withGalleryHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const missing = defaults.filter(([name]) => !c.res.headers.has(name));
  if (missing.length === 0) return;
  const res = new Response(c.res.body, c.res); // responses passed on from a binding may have immutable headers
  for (const [name, value] of missing) res.headers.set(name, value);
  c.res = res;
};
