// Item-page previews (/files/preview/*): public like thumbnails, named after the item's thumbnail, 410 once withdrawn.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { withdraw } from '../gone-support.js';
import { call, expectError, seedItem } from '../helpers.js';

const previewOf = (thumbKey: string): string => thumbKey.replace(/^thumb\/([0-9a-f]{2})\/([0-9a-f]{64})\.[a-z]+$/, 'preview/$1/$2.webp');

describe('previews', () => {
  it('serves a preview publicly with the thumbnail cache rules, and answers 410 once its item is withdrawn', async () => {
    const item = await seedItem();
    const key = previewOf(item.thumbKey);
    expect(key).toMatch(/^preview\//);
    const body = new Uint8Array(300).fill(9);
    await env.FILES.put(key, body, { httpMetadata: { contentType: 'image/webp' } });
    const live = await call(`/files/${key}`);
    expect(live.status).toBe(200);
    expect(live.headers.get('Content-Type')).toBe('image/webp');
    expect(live.headers.get('Cache-Control')).toBe('public, max-age=60');
    expect(new Uint8Array(await live.arrayBuffer())).toEqual(body);
    const etag = live.headers.get('ETag')!;
    expect((await call(`/files/${key}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    await withdraw(item.id, '2026-11-25T10:00:00.000Z');
    const gone = await expectError(await call(`/files/${key}`), 410, 'gone');
    expect(gone.message).toBe('this image was withdrawn from the catalogue on 25 November 2026');
    const head = await call(`/files/${key}`, { method: 'HEAD' });
    expect(head.status).toBe(410);
    await head.arrayBuffer();
  });

  it('answers 404 for unknown previews and for anything that is not a preview key (originals never)', async () => {
    const item = await seedItem();
    await expectError(await call(`/files/preview/ab/${'a'.repeat(64)}.webp`), 404, 'not_found');
    for (const path of [`/files/preview/${item.originalKey}`, '/files/preview/%', `/files/preview/ab/${'a'.repeat(64)}.jpg`, `/files/preview/../${item.originalKey}`]) {
      const res = await call(path);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });
});
