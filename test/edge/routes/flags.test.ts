// Public flags: validation, unknown items, CORS for the gallery, and the per-client rate limit.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, seedItem, uid } from '../helpers.js';

const flag = (json: unknown, ip = uid('ip'), headers: Record<string, string> = {}) =>
  call('/v1/flags', { method: 'POST', json, headers: { 'CF-Connecting-IP': ip, ...headers } });

describe('flags', () => {
  it('accepts a valid flag from anyone and stores it hashed by client', async () => {
    const item = await seedItem();
    const res = await flag({ itemId: item.id, reason: 'privacy', note: 'my face' }, '203.0.113.9');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const row = await env.DB.prepare('SELECT * FROM flags WHERE id = ?').bind(id).first<Record<string, string>>();
    expect(row).toMatchObject({ item_id: item.id, reason: 'privacy', note: 'my face', status: 'open' });
    expect(row?.client_hash).not.toContain('203.0.113.9');
  });

  it('validates input', async () => {
    const item = await seedItem();
    await expectError(await flag({ itemId: item.id, reason: 'boring' }), 400, 'invalid_request');
    await expectError(await flag({ reason: 'other' }), 400);
    await expectError(await flag({ itemId: item.id, reason: 'other', note: 'x'.repeat(3000) }), 400);
    await expectError(await flag({ itemId: 'test:missing', reason: 'other' }), 404);
    const raw = await call('/v1/flags', { method: 'POST', body: '{not json', headers: { 'Content-Type': 'application/json' } });
    await expectError(raw, 400);
    const text = await call('/v1/flags', { method: 'POST', body: 'itemId=x', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(text.status).toBeLessThan(500);
  });

  it('allows CORS from the gallery origin only', async () => {
    const pre = await call('/v1/flags', {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:8787', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('http://127.0.0.1:8787');
    expect(pre.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    const evil = await call('/v1/flags', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(evil.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const item = await seedItem();
    const res = await flag({ itemId: item.id, reason: 'other' }, uid('ip'), { Origin: 'http://localhost:4321' });
    expect(res.status).toBe(201);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:4321');
  });

  it('rate-limits each client to FLAG_RATE_LIMIT per window with Retry-After', async () => {
    const item = await seedItem();
    const ip = uid('ip');
    const limit = Number(env.FLAG_RATE_LIMIT);
    const statuses: number[] = [];
    for (let i = 0; i < limit + 3; i++) statuses.push((await flag({ itemId: item.id, reason: 'other' }, ip)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    const limited = await flag({ itemId: item.id, reason: 'other' }, ip);
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    await expectError(limited, 429, 'rate_limited');
    // another client is unaffected
    expect((await flag({ itemId: item.id, reason: 'other' }, uid('ip'))).status).toBe(201);
  });

  it('counts an IPv6 client per /64 and an IPv4 client per address', async () => {
    const item = await seedItem();
    const limit = Number(env.FLAG_RATE_LIMIT);
    const net = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 1; i <= limit; i++) expect((await flag({ itemId: item.id, reason: 'other' }, `${net}::${i.toString(16)}`)).status).toBe(201);
    await expectError(await flag({ itemId: item.id, reason: 'other' }, `${net}:ffff:1:2:3`), 429, 'rate_limited');
    await expectError(await flag({ itemId: item.id, reason: 'other' }, `[${net}::abcd]`), 429, 'rate_limited');
    expect((await flag({ itemId: item.id, reason: 'other' }, `${net.replace(/:[0-9a-f]+$/, ':1')}::1`)).status).toBe(201);
    const v4 = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < limit; i++) expect((await flag({ itemId: item.id, reason: 'other' }, v4)).status).toBe(201);
    await expectError(await flag({ itemId: item.id, reason: 'other' }, `::ffff:${v4}`), 429);
    expect((await flag({ itemId: item.id, reason: 'other' }, v4.replace(/\.\d+$/, '.251'))).status).toBe(201);
  });

  it('trusts only CF-Connecting-IP: X-Forwarded-For and X-Real-IP change nothing', async () => {
    const item = await seedItem();
    const limit = Number(env.FLAG_RATE_LIMIT);
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < limit; i++) {
      const res = await flag({ itemId: item.id, reason: 'other' }, ip, { 'X-Forwarded-For': `10.0.${i}.1`, 'X-Real-IP': `10.1.${i}.1`, 'True-Client-IP': `10.2.${i}.1` });
      expect(res.status).toBe(201);
    }
    await expectError(await flag({ itemId: item.id, reason: 'other' }, ip, { 'X-Forwarded-For': '192.0.2.200' }), 429);
  });
});
