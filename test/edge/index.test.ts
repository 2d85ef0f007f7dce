// The app shell: OpenAPI covers every route, unknown routes and errors keep the error shape, security headers, CORS.
import { describe, expect, it } from 'vitest';
import app from '../../edge/src/index.js';
import { allowedOrigins } from '../../edge/src/http/cors.js';
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

  it('serves thumbnails publicly with short caching and ETags, never originals', async () => {
    const item = await seedItem();
    const res = await call(`/files/${item.thumbKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60');
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

  it('adds CORS headers only to requests with an allowed Origin, and Vary: Origin to every /v1 answer', async () => {
    const plain = await call('/v1/items?limit=1');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('Vary')).toContain('Origin');
    expect(plain.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const allowed = await call('/v1/items?limit=1', { headers: { Origin: 'http://localhost:8787' } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:8787');
    expect(allowed.headers.get('Access-Control-Expose-Headers')).toContain('X-Charged-Micros');
    expect(allowed.headers.get('Access-Control-Expose-Headers')).toContain('Clearance-Filter');
    expect(allowed.headers.get('Vary')).toContain('Origin');
    const evil = await call('/v1/items?limit=1', { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect(evil.headers.get('Vary')).toContain('Origin');
    // errors too (the download route refuses a missing key before any CORS-sensitive work)
    const refused = await call('/v1/items/test:x/download', { headers: { Origin: 'http://127.0.0.1:4321' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('http://127.0.0.1:4321');
    expect(refused.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
  });

  it('parses CORS_ORIGINS once per value', () => {
    const a = allowedOrigins(' http://a.example , http://b.example,,');
    expect([...a]).toEqual(['http://a.example', 'http://b.example']);
    expect(allowedOrigins(' http://a.example , http://b.example,,')).toBe(a);
    expect([...allowedOrigins('http://c.example')]).toEqual(['http://c.example']);
  });
});
