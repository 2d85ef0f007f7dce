// Thumbnails: 410 in the API's error shape once every item using one is withdrawn; a live item sharing it keeps it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { withdraw } from '../gone-support.js';
import { call, expectError, seedItem } from '../helpers.js';

describe('thumbnails of withdrawn items', () => {
  it('answers 410 gone (GET and HEAD, even revalidating) once the item is withdrawn', async () => {
    const item = await seedItem();
    const live = await call(`/files/${item.thumbKey}`);
    expect(live.status).toBe(200);
    expect(live.headers.get('Cache-Control')).toBe('public, max-age=60');
    const etag = live.headers.get('ETag')!;
    await live.arrayBuffer();
    await withdraw(item.id, '2026-11-25T10:00:00.000Z');
    const gone = await call(`/files/${item.thumbKey}`);
    expect(gone.headers.get('Content-Type')).toContain('application/json');
    expect(gone.headers.get('Cache-Control')).toBe('no-store');
    const error = await expectError(gone, 410, 'gone');
    expect(error.message).toBe('this image was withdrawn from the catalogue on 25 November 2026');
    const head = await call(`/files/${item.thumbKey}`, { method: 'HEAD' });
    expect(head.status).toBe(410);
    expect(await head.text()).toBe('');
    await expectError(await call(`/files/${item.thumbKey}`, { headers: { 'If-None-Match': etag } }), 410, 'gone');
    // the file is still in R2 (the next publish removes it): only the check stops it
    expect(await env.FILES.head(item.thumbKey)).not.toBeNull();
  });

  it('keeps serving a thumbnail that a live item shares, with ETag revalidation and HEAD', async () => {
    const a = await seedItem();
    const b = await seedItem({ withFile: false });
    await env.DB.prepare('UPDATE items SET thumb_key = ? WHERE id = ?').bind(a.thumbKey, b.id).run();
    await withdraw(a.id);
    const res = await call(`/files/${a.thumbKey}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
    const again = await call(`/files/${a.thumbKey}`, { headers: { 'If-None-Match': res.headers.get('ETag')! } });
    expect(again.status).toBe(304);
    const head = await call(`/files/${a.thumbKey}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('ETag')).toBe(res.headers.get('ETag'));
    expect(await head.text()).toBe('');
    await withdraw(b.id, '2026-12-01T00:00:00.000Z');
    expect((await expectError(await call(`/files/${a.thumbKey}`), 410, 'gone')).message).toContain('1 December 2026');
  });

  it('answers 404, never 500, for malformed percent-escapes, and for unknown thumbnails', async () => {
    for (const path of ['/files/thumb/%', '/files/thumb/%E0%A4%A', '/files/thumb/ab/%ZZ.webp', `/files/thumb/ab/${'a'.repeat(64)}%.webp`]) {
      await expectError(await call(path), 404, 'not_found');
      const head = await call(path, { method: 'HEAD' });
      expect(head.status, path).toBe(404);
      await head.arrayBuffer();
    }
    await expectError(await call(`/files/thumb/ab/${'a'.repeat(64)}.webp`), 404, 'not_found');
  });
});
