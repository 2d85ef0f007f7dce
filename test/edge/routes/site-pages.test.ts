// Item pages: served from R2 (site/item/…) when the deployment's static assets do not hold them; misses get the 404 page.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { pageKey } from '../../../edge/src/services/site-pages.js';
import { call, uid } from '../helpers.js';

describe('item pages from R2', () => {
  it('serves a page uploaded under site/item/ with HTML headers, ETag revalidation and HEAD', async () => {
    const slug = `museum/${uid('obj-')}`;
    const html = `<!doctype html><title>${slug}</title><main data-testid="item">${slug}</main>`;
    await env.FILES.put(`site/item/${slug}/index.html`, html);
    const res = await call(`/item/${slug}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(html);
    const etag = res.headers.get('ETag')!;
    expect(etag).toBeTruthy();
    const again = await call(`/item/${slug}/`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const head = await call(`/item/${slug}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Length')).toBe(String(new TextEncoder().encode(html).length));
    expect(await head.text()).toBe('');
  });

  it('adds the trailing slash as the assets do, and answers a missing page with a 404', async () => {
    const slug = `museum/${uid('obj-')}`;
    await env.FILES.put(`site/item/${slug}/index.html`, '<!doctype html><p>x</p>');
    const bare = await call(`/item/${slug}?q=1`, { redirect: 'manual' });
    expect(bare.status).toBe(307);
    expect(new URL(bare.headers.get('Location')!, 'http://edge.test').pathname + new URL(bare.headers.get('Location')!, 'http://edge.test').search).toBe(`/item/${slug}/?q=1`);
    const missing = await call(`/item/museum/${uid('nope-')}/`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type') ?? '').not.toContain('application/json');
    await missing.text();
  });

  it('maps only slug-safe item paths to keys', () => {
    expect(pageKey('/item/museum/obj-1/')).toBe('site/item/museum/obj-1/index.html');
    expect(pageKey('/item/museum/obj-1')).toBe('site/item/museum/obj-1/index.html');
    expect(pageKey('/item/_/a~0123456789abcdef/')).toBe('site/item/_/a~0123456789abcdef/index.html');
    for (const bad of ['/item/', '/item/../x/', '/item/a/../../v1/', '/item/a%2Fb/', '/item/a b/', '/items/a/', `/item/${'a/'.repeat(9)}`]) {
      expect(pageKey(bad), bad).toBeNull();
    }
  });

  it('never serves other R2 keys through /item/', async () => {
    const res = await call('/item/../original/aa/secret.jpg');
    expect(res.status).toBe(404);
    await res.text();
  });
});
