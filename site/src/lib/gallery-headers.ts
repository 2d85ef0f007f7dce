// Security headers of the gallery's pages: written by `clearance site` into the static assets' `_headers` file
// (site/generator/headers-file.ts) and set by the Worker on the pages it serves itself (edge/src/http/gallery-headers.ts).

/**
 * The gallery's Content-Security-Policy, fitted to what `clearance site` builds: its own scripts and styles only
 * (no inline script: every bundle is a file, site/generator/client-assets.ts), Pagefind's WebAssembly and web worker, the blurred placeholder of
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
