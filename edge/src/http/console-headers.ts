// Response headers of every /console/* answer, set last (after the API's secure headers): a strict CSP with no inline
// script or style, no framing, no sniffing, no referrer to other sites, and no caching unless the route chose (the
// stylesheet).
import type { MiddlewareHandler } from 'hono';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const consoleHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('Content-Security-Policy', CONSOLE_CSP);
  h.set('X-Frame-Options', 'DENY');
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('Referrer-Policy', 'same-origin'); // no-referrer would make browsers send `Origin: null` with our own forms
  h.set('Cross-Origin-Resource-Policy', 'same-origin');
  if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  h.append('Vary', 'Cookie');
};
