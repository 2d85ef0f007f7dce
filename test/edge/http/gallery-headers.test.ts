// Gallery pages served by the Worker (/item/*: from R2, redirects, 404s, 304s) carry the gallery's security headers.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { galleryCsp, galleryHeaders } from '../../../site/src/lib/gallery-headers.js';
import { call, uid } from '../helpers.js';

function expectGalleryHeaders(res: Response) {
  for (const [name, value] of Object.entries(galleryHeaders())) expect(res.headers.get(name), name).toBe(value);
  expect(res.headers.get('X-Request-Id')).toBeNull(); // not an API answer
}

describe('gallery headers', () => {
  it('are on item pages from R2, their HEAD, 304, trailing-slash redirect and 404', async () => {
    const slug = `museum/${uid('obj-')}`;
    await env.FILES.put(`site/item/${slug}/index.html`, '<!doctype html><p>x</p>');
    const page = await call(`/item/${slug}/`);
    expect(page.status).toBe(200);
    expectGalleryHeaders(page);
    const etag = page.headers.get('ETag')!;
    await page.text();
    expectGalleryHeaders(await call(`/item/${slug}/`, { method: 'HEAD' }));
    const cached = await call(`/item/${slug}/`, { headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    expectGalleryHeaders(cached);
    const bare = await call(`/item/${slug}`, { redirect: 'manual' });
    expect(bare.status).toBe(307);
    expectGalleryHeaders(bare);
    const missing = await call(`/item/museum/${uid('nope-')}/`);
    expect(missing.status).toBe(404);
    expectGalleryHeaders(missing);
    await missing.text();
    const refused = await call(`/item/${slug}/`, { method: 'POST', body: '{}' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    await refused.text();
  });

  it('keep the API its own stricter headers', async () => {
    const res = await call('/v1/items?limit=1');
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    await res.arrayBuffer();
  });

  it('allow the gallery’s own scripts, Pagefind’s WebAssembly and worker, placeholders and the report form, nothing inline', () => {
    const csp = galleryCsp();
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self';");
    expect(galleryCsp('https://api.example.org')).toContain("connect-src 'self' https://api.example.org;");
  });
});
