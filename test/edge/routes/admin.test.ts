// Admin routes: token checks, plans, accounts with a first key shown once (stored hashed), roles.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ADMIN, call, expectError, uid } from '../helpers.js';

describe('admin', () => {
  it('refuses a missing or wrong admin token', async () => {
    await expectError(await call('/v1/admin/plans'), 401, 'unauthorized');
    await expectError(await call('/v1/admin/plans', { key: `${ADMIN}x` }), 401, 'unauthorized');
    await expectError(await call('/v1/admin/plans', { headers: { Authorization: ADMIN } }), 401);
  });

  it('lists the seeded plans and upserts new ones', async () => {
    const res = await call('/v1/admin/plans', { key: ADMIN });
    const { plans } = (await res.json()) as { plans: { id: string; monthlyDownloads: number; privateCollections: boolean; monthlyFeeMicros: number }[] };
    expect(plans.find((p) => p.id === 'payg')).toMatchObject({ monthlyDownloads: 1000, privateCollections: false, monthlyFeeMicros: 0 });
    expect(plans.find((p) => p.id === 'curation')).toMatchObject({ monthlyDownloads: 10000, privateCollections: true, monthlyFeeMicros: 10_000_000 });
    const plan = { id: 'team', name: 'Team', monthlyFeeMicros: 5_000_000, monthlyDownloads: 50, privateCollections: true };
    expect((await call('/v1/admin/plans', { method: 'POST', key: ADMIN, json: plan })).status).toBe(201);
    const again = await call('/v1/admin/plans', { method: 'POST', key: ADMIN, json: { ...plan, monthlyDownloads: 60 } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { plan: { monthlyDownloads: number } }).plan.monthlyDownloads).toBe(60);
    await expectError(await call('/v1/admin/plans', { method: 'POST', key: ADMIN, json: { ...plan, monthlyDownloads: -1 } }), 400, 'invalid_request');
  });

  it('creates an account with a first key that is stored only as a hash', async () => {
    const email = `${uid('a')}@example.org`;
    const res = await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email, plan: 'payg' } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { account: { id: string; plan: string }; key: string };
    expect(body.account.plan).toBe('payg');
    expect(body.key).toMatch(/^clr_[A-Za-z0-9_-]{40,}$/);
    const rows = await env.DB.prepare('SELECT hash, prefix FROM api_keys WHERE account_id = ?').bind(body.account.id).all<{ hash: string; prefix: string }>();
    expect(rows.results).toHaveLength(1);
    const row = rows.results[0]!;
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.hash).not.toContain(body.key.slice(4, 20));
    expect(body.key.startsWith(row.prefix)).toBe(true);
    const dump = JSON.stringify((await env.DB.prepare('SELECT * FROM api_keys').all()).results);
    expect(dump).not.toContain(body.key);
    // the key works
    expect((await call('/v1/usage', { key: body.key })).status).toBe(200);
    await expectError(await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email, plan: 'payg' } }), 409, 'conflict');
    await expectError(await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email: `${uid()}@x.org`, plan: 'nope' } }), 400, 'unknown_plan');
    await expectError(await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email: 'not-an-email', plan: 'payg' } }), 400);
    // a huge email is refused by length before any regex runs (no ReDoS)
    await expectError(await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email: 'a'.repeat(60_000), plan: 'payg' } }), 400);
  });

  it('grants roles, changes plans and issues extra keys', async () => {
    const res = await call('/v1/admin/accounts', { method: 'POST', key: ADMIN, json: { email: `${uid()}@example.org`, plan: 'payg' } });
    const { account } = (await res.json()) as { account: { id: string } };
    const r1 = await call(`/v1/admin/accounts/${account.id}/roles`, { method: 'POST', key: ADMIN, json: { role: 'moderator' } });
    expect(r1.status).toBe(201);
    await expectError(await call(`/v1/admin/accounts/${account.id}/roles`, { method: 'POST', key: ADMIN, json: { role: 'rightsholder' } }), 400);
    await expectError(await call(`/v1/admin/accounts/${account.id}/roles`, { method: 'POST', key: ADMIN, json: { role: 'god' } }), 400);
    await expectError(await call('/v1/admin/accounts/acct_missing/roles', { method: 'POST', key: ADMIN, json: { role: 'moderator' } }), 404);
    const r2 = await call(`/v1/admin/accounts/${account.id}/roles`, { method: 'POST', key: ADMIN, json: { role: 'rightsholder', rightsHolder: 'Museum A' } });
    expect(((await r2.json()) as { roles: unknown[] }).roles).toEqual(
      expect.arrayContaining([{ role: 'moderator', rightsHolder: null }, { role: 'rightsholder', rightsHolder: 'Museum A' }]),
    );
    const got = await call(`/v1/admin/accounts/${account.id}`, { key: ADMIN });
    expect(((await got.json()) as { account: { roles: unknown[] } }).account.roles).toHaveLength(2);
    const removed = await call(`/v1/admin/accounts/${account.id}/roles`, { method: 'DELETE', key: ADMIN, json: { role: 'moderator' } });
    expect(((await removed.json()) as { roles: unknown[] }).roles).toHaveLength(1);
    const patched = await call(`/v1/admin/accounts/${account.id}`, { method: 'PATCH', key: ADMIN, json: { plan: 'curation' } });
    expect(((await patched.json()) as { account: { plan: string } }).account.plan).toBe('curation');
    const k = await call(`/v1/admin/accounts/${account.id}/keys`, { method: 'POST', key: ADMIN });
    expect(k.status).toBe(201);
    const { key } = (await k.json()) as { key: string };
    expect((await call('/v1/keys', { key })).status).toBe(200);
    const list = await call('/v1/admin/accounts', { key: ADMIN });
    expect(((await list.json()) as { accounts: { id: string }[] }).accounts.some((a) => a.id === account.id)).toBe(true);
  });
});
