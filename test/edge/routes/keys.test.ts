// Key management of the account itself: list (no secrets), create (shown once), revoke (refused at once).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount } from '../helpers.js';

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
});
