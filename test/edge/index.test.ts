// The app shell: OpenAPI covers every route, unknown routes and errors keep the error shape, security headers.
import { describe, expect, it } from 'vitest';
import app from '../../edge/src/index.js';
import { call, expectError, seedItem } from './helpers.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown> } };

describe('app', () => {
  it('describes every route in /v1/openapi.json', async () => {
    const res = await call('/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearer).toBeTruthy();
    const routes = app.routes.filter((r) => r.method !== 'ALL');
    expect(routes.length).toBeGreaterThan(25);
    const missing = routes
      .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{key}').replace(/\/$/, '') || '/' }))
      .filter((r) => !doc.paths[r.path]?.[r.method]);
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/items/{id}/download', '/v1/collections/{id}/manifest', '/v1/flags', '/v1/admin/accounts']));
  });

  it('answers unknown routes and methods with the error shape and security headers', async () => {
    const res = await call('/v1/nope');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(res.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(res.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
    await expectError(res, 404, 'not_found');
    await expectError(await call('/v1/items', { method: 'DELETE' }), 404);
    await expectError(await call('/v1/flags', { method: 'POST', body: 'x'.repeat(70_000), headers: { 'Content-Type': 'application/json' } }), 413, 'payload_too_large');
  });

  it('serves thumbnails publicly with immutable caching, never originals', async () => {
    const item = await seedItem();
    const res = await call(`/files/${item.thumbKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Content-Type')).toBe('image/webp');
    const etag = res.headers.get('ETag')!;
    expect((await res.arrayBuffer()).byteLength).toBe(100);
    const again = await call(`/files/${item.thumbKey}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    await expectError(await call(`/files/${item.originalKey}`), 404);
    await expectError(await call(`/files/thumb/../${item.originalKey}`), 404);
    await expectError(await call(`/files/thumb/${item.originalKey}`), 404);
    await expectError(await call(`/files/thumb/%2e%2e/${item.originalKey}`), 404);
    await expectError(await call('/files/thumb/ab/' + 'a'.repeat(64) + '.webp'), 404);
  });
});
