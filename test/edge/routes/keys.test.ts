// Key management of the account itself: list (no secrets), create (shown once), revoke (refused at once).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_ACTIVE_KEYS } from '../../../edge/src/services/keys.js';
import { ADMIN, call, expectError, newAccount } from '../helpers.js';

type Key = { id: string; prefix: string; name: string | null; revokedAt: string | null; lastUsedAt: string | null };

describe('keys', () => {
  it('lists, creates and revokes keys; a revoked key is refused at once', async () => {
    const acct = await newAccount();
    const created = await call('/v1/keys', { method: 'POST', key: acct.key, json: { name: 'ci' } });
    expect(created.status).toBe(201);
    const fresh = (await created.json()) as Key & { key: string };
    expect(fresh.key.startsWith(fresh.prefix)).toBe(true);
    expect(fresh.name).toBe('ci');
    const list = await call('/v1/keys', { key: fresh.key });
    const { keys } = (await list.json()) as { keys: Key[] };
    expect(keys).toHaveLength(2);
    expect(JSON.stringify(keys)).not.toContain(fresh.key);
    expect(JSON.stringify(keys)).not.toContain(acct.key);
    expect(keys.every((k) => !('hash' in k) && !('key' in k))).toBe(true);
    const revoked = await call(`/v1/keys/${fresh.id}`, { method: 'DELETE', key: acct.key });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { key: Key }).key.revokedAt).toBeTruthy();
    await expectError(await call('/v1/usage', { key: fresh.key }), 401, 'unauthorized');
    expect((await call('/v1/usage', { key: acct.key })).status).toBe(200);
    // revoking again is idempotent, unknown keys are 404
    expect((await call(`/v1/keys/${fresh.id}`, { method: 'DELETE', key: acct.key })).status).toBe(200);
    await expectError(await call('/v1/keys/key_nope', { method: 'DELETE', key: acct.key }), 404);
  });

  it('creates a key without a body and records last use', async () => {
    const acct = await newAccount();
    const res = await call('/v1/keys', { method: 'POST', key: acct.key });
    expect(res.status).toBe(201);
    const { key } = (await res.json()) as { key: string };
    expect((await call('/v1/usage', { key })).status).toBe(200);
    const row = await env.DB.prepare('SELECT last_used_at FROM api_keys WHERE prefix = ?').bind(key.slice(0, 12)).first<{ last_used_at: string | null }>();
    expect(row?.last_used_at).toBeTruthy();
    await expectError(await call('/v1/keys', { method: 'POST', key: acct.key, json: { name: 'x'.repeat(500) } }), 400);
  });

  it('cannot revoke or see another account’s keys', async () => {
    const a = await newAccount();
    const b = await newAccount();
    const { keys } = (await (await call('/v1/keys', { key: b.key })).json()) as { keys: Key[] };
    await expectError(await call(`/v1/keys/${keys[0]!.id}`, { method: 'DELETE', key: a.key }), 404);
    expect((await call('/v1/usage', { key: b.key })).status).toBe(200);
    const mine = (await (await call('/v1/keys', { key: a.key })).json()) as { keys: Key[] };
    expect(mine.keys.map((k) => k.id)).not.toContain(keys[0]!.id);
  });

  it('caps an account at 20 active keys with a clear 409, for its own route and the admin’s; revoking frees a slot', async () => {
    expect(MAX_ACTIVE_KEYS).toBe(20);
    const acct = await newAccount(); // its first key counts
    for (let i = 1; i < MAX_ACTIVE_KEYS; i++) expect((await call('/v1/keys', { method: 'POST', key: acct.key })).status).toBe(201);
    const err = await expectError(await call('/v1/keys', { method: 'POST', key: acct.key, json: { name: 'one too many' } }), 409, 'too_many_keys');
    expect(err.message).toContain('20 active keys');
    expect(err.message).toContain('DELETE /v1/keys/');
    await expectError(await call(`/v1/admin/accounts/${acct.id}/keys`, { method: 'POST', key: ADMIN }), 409, 'too_many_keys');
    const { keys } = (await (await call('/v1/keys', { key: acct.key })).json()) as { keys: Key[] };
    expect(keys).toHaveLength(MAX_ACTIVE_KEYS);
    const spare = keys.find((k) => !acct.key.startsWith(k.prefix))!;
    expect((await call(`/v1/keys/${spare.id}`, { method: 'DELETE', key: acct.key })).status).toBe(200);
    expect((await call('/v1/keys', { method: 'POST', key: acct.key })).status).toBe(201);
    await expectError(await call('/v1/keys', { method: 'POST', key: acct.key }), 409, 'too_many_keys');
  });

  it('never passes the cap under concurrent creations', async () => {
    const acct = await newAccount();
    for (let i = 1; i < 15; i++) expect((await call('/v1/keys', { method: 'POST', key: acct.key })).status).toBe(201);
    const results = await Promise.all(Array.from({ length: 12 }, () => call('/v1/keys', { method: 'POST', key: acct.key })));
    expect(results.map((r) => r.status).sort()).toEqual([...Array(5).fill(201), ...Array(7).fill(409)]);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM api_keys WHERE account_id = ? AND revoked_at IS NULL').bind(acct.id).first<{ n: number }>();
    expect(n?.n).toBe(MAX_ACTIVE_KEYS);
  });
});
