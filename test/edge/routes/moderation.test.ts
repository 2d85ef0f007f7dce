// Moderation: moderators only; queue; dismiss; withdraw blocks downloads at once and records the withdrawal; log.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, expectError, newAccount, seedItem, uid } from '../helpers.js';

async function flagItem(itemId: string, reason = 'infringing') {
  const res = await call('/v1/flags', { method: 'POST', json: { itemId, reason }, headers: { 'CF-Connecting-IP': uid('ip') } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('moderation', () => {
  it('is closed to anonymous callers, customers and rights holders', async () => {
    const customer = await newAccount();
    const rh = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: 'X' }]);
    await expectError(await call('/v1/moderation/flags'), 401);
    await expectError(await call('/v1/moderation/flags', { key: customer.key }), 403, 'forbidden');
    await expectError(await call('/v1/moderation/flags', { key: rh.key }), 403);
    const id = await flagItem((await seedItem()).id);
    await expectError(await call(`/v1/moderation/flags/${id}/decision`, { method: 'POST', key: customer.key, json: { action: 'withdraw' } }), 403);
    const row = await env.DB.prepare('SELECT status FROM flags WHERE id = ?').bind(id).first<{ status: string }>();
    expect(row?.status).toBe('open');
  });

  it('shows the queue and dismisses a flag', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const item = await seedItem();
    const id = await flagItem(item.id, 'objectionable');
    const q = await call('/v1/moderation/flags', { key: mod.key });
    expect(q.status).toBe(200);
    const { flags } = (await q.json()) as { flags: { id: string; itemId: string; reason: string; itemStatus: string }[] };
    expect(flags.find((f) => f.id === id)).toMatchObject({ itemId: item.id, reason: 'objectionable', itemStatus: 'live' });
    const d = await call(`/v1/moderation/flags/${id}/decision`, { method: 'POST', key: mod.key, json: { action: 'dismiss', note: 'fine' } });
    expect(d.status).toBe(200);
    expect(((await d.json()) as { decision: { action: string; moderatorId: string } }).decision).toMatchObject({ action: 'dismiss', moderatorId: mod.id });
    const after = (await (await call('/v1/moderation/flags', { key: mod.key })).json()) as { flags: { id: string }[] };
    expect(after.flags.map((f) => f.id)).not.toContain(id);
    await expectError(await call(`/v1/moderation/flags/${id}/decision`, { method: 'POST', key: mod.key, json: { action: 'withdraw' } }), 409, 'conflict');
    await expectError(await call('/v1/moderation/flags/flag_nope/decision', { method: 'POST', key: mod.key, json: { action: 'dismiss' } }), 404);
    await expectError(await call(`/v1/moderation/flags/${id}/decision`, { method: 'POST', key: mod.key, json: { action: 'delete' } }), 400);
    const dismissed = (await (await call('/v1/moderation/flags?status=dismissed', { key: mod.key })).json()) as { flags: { id: string }[] };
    expect(dismissed.flags.map((f) => f.id)).toContain(id);
    expect((await call('/v1/items/' + item.id)).status).toBe(200);
  });

  it('withdraws: downloads answer 451 at once, the withdrawal is recorded, the decision logged', async () => {
    const mod = await newAccount('payg', [{ role: 'moderator' }]);
    const buyer = await newAccount();
    const item = await seedItem();
    // The catalogue record's perceptual fingerprint, as publish wrote it: the withdrawal records it for `clearance pull`.
    const fingerprint = `pid1:${'5a'.repeat(8)}.${'A'.repeat(1024)}`;
    await env.DB.prepare('UPDATE items SET fingerprint = ? WHERE id = ?').bind(fingerprint, item.id).run();
    const ok = await call(`/v1/items/${item.id}/download`, { key: buyer.key });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
    const id = await flagItem(item.id);
    const d = await call(`/v1/moderation/flags/${id}/decision`, { method: 'POST', key: mod.key, json: { action: 'withdraw', note: 'owner complaint' } });
    expect(d.status).toBe(200);
    await expectError(await call(`/v1/items/${item.id}/download`, { key: buyer.key }), 451, 'withdrawn');
    await expectError(await call(`/v1/items/${item.id}/download`, { key: mod.key }), 451);
    const w = await env.DB.prepare('SELECT * FROM withdrawals WHERE item_id = ?').bind(item.id).first<Record<string, string>>();
    expect(w).toMatchObject({ sha256: item.sha, fingerprint, by: 'moderator', flag_id: id });
    expect(w?.reason).toContain('owner complaint');
    const it2 = await env.DB.prepare('SELECT status, withdrawn_by FROM items WHERE id = ?').bind(item.id).first();
    expect(it2).toEqual({ status: 'withdrawn', withdrawn_by: 'moderator' });
    const log = (await (await call('/v1/moderation/decisions', { key: mod.key })).json()) as { decisions: { flagId: string; action: string; note: string }[] };
    expect(log.decisions.find((x) => x.flagId === id)).toMatchObject({ action: 'withdraw', note: 'owner complaint' });
  });
});
