// Session rules at the service level, with explicit clocks: idle and absolute expiry, throttled touches, refusals.
import { env } from 'cloudflare:workers';
import { drizzle } from 'drizzle-orm/d1';
import { describe, expect, it } from 'vitest';
import * as schema from '../../../edge/src/db/schema.js';
import { createSession, findSession, hashSessionId, needsTouch, revokeSession, SESSION_IDLE_MS, SESSION_MAX_MS, SESSION_TOUCH_MS, touchSession, type Session } from '../../../edge/src/services/sessions.js';
import { newAccount } from '../helpers.js';

const db = drizzle(env.DB, { schema });

async function fresh(now: Date) {
  const acct = await newAccount('payg', [{ role: 'moderator' }]);
  const key = await env.DB.prepare('SELECT id FROM api_keys WHERE account_id = ?').bind(acct.id).first<{ id: string }>();
  return { acct, keyId: key!.id, s: await createSession(db, { accountId: acct.id, keyId: key!.id }, now) };
}

describe('sessions', () => {
  it('finds a live session with its account, moderator flag and CSRF token; ids are 32 random bytes', async () => {
    const t = new Date();
    const { acct, s } = await fresh(t);
    const found = (await findSession(db, s.id, t)) as Session;
    expect(found).toMatchObject({ accountId: acct.id, moderator: true, csrf: s.csrf });
    expect(s.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(found.idHash).toBe(await hashSessionId(s.id));
    expect(found.idHash).not.toBe(s.id);
  });

  it('refuses malformed, unknown, idle, expired and revoked ids, each for its reason', async () => {
    const t0 = new Date('2030-01-01T00:00:00Z');
    const { s } = await fresh(t0);
    expect(await findSession(db, 'short', t0)).toBe('malformed');
    expect(await findSession(db, 'B'.repeat(43), t0)).toBe('unknown');
    expect(await findSession(db, s.id, new Date(t0.getTime() + SESSION_IDLE_MS - 1))).not.toBeTypeOf('string');
    expect(await findSession(db, s.id, new Date(t0.getTime() + SESSION_IDLE_MS))).toBe('idle');
    // activity every 20 minutes keeps it alive until the absolute lifetime
    let t = t0.getTime();
    while (t + 20 * 60_000 < t0.getTime() + SESSION_MAX_MS) {
      t += 20 * 60_000;
      const found = await findSession(db, s.id, new Date(t));
      expect(found, new Date(t).toISOString()).not.toBeTypeOf('string');
      await touchSession(db, (found as Session).idHash, new Date(t));
    }
    expect(await findSession(db, s.id, new Date(t0.getTime() + SESSION_MAX_MS))).toBe('expired');
    await revokeSession(db, await hashSessionId(s.id), new Date(t));
    expect(await findSession(db, s.id, new Date(t))).toBe('revoked');
  });

  it('writes last_seen_at at most once a minute', async () => {
    const t0 = new Date();
    const { s } = await fresh(t0);
    const found = (await findSession(db, s.id, t0)) as Session;
    expect(needsTouch(found, new Date(t0.getTime() + SESSION_TOUCH_MS - 1))).toBe(false);
    expect(needsTouch(found, new Date(t0.getTime() + SESSION_TOUCH_MS))).toBe(true);
    await touchSession(db, found.idHash, new Date(t0.getTime() + 30_000)); // too soon: no write
    expect(((await findSession(db, s.id, t0)) as Session).lastSeenAt).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 90_000);
    await touchSession(db, found.idHash, later);
    expect(((await findSession(db, s.id, later)) as Session).lastSeenAt).toBe(later.toISOString());
  });

  it('ends with its key, and clears the account’s expired sessions at the next sign-in', async () => {
    const t0 = new Date('2031-01-01T00:00:00Z');
    const { acct, keyId, s } = await fresh(t0);
    await env.DB.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ?').bind(t0.toISOString(), keyId).run();
    expect(await findSession(db, s.id, t0)).toBe('key-revoked');
    const later = new Date(t0.getTime() + SESSION_MAX_MS + 1);
    await createSession(db, { accountId: acct.id, keyId }, later);
    expect(await findSession(db, s.id, later)).toBe('unknown'); // deleted
  });
});
