// Security headers of the gallery's pages: set by the Worker on /item/*, and written by `clearance site` into the
// static assets' `_headers` file (pipeline/site/headers-file.ts), so every page of the gallery carries the same ones.
import type { MiddlewareHandler } from 'hono';

/**
 * The gallery's Content-Security-Policy, fitted to what `clearance site` builds: its own scripts and styles only
 * (no inline script: Astro's are emitted as files), Pagefind's WebAssembly and web worker, the blurred placeholder of
 * each image (an inline `style` attribute with a `data:` PNG), the report form's POST to `<apiOrigin>/v1/flags`.
 */
export function galleryCsp(apiOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Every header a gallery page carries; `apiOrigin` when the site talks to an API on another origin. */
export function galleryHeaders(apiOrigin?: string): Record<string, string> {
  return {
    'Content-Security-Policy': galleryCsp(apiOrigin),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  };
}

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
