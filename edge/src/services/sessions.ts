// Browser sessions: opaque random ids (only their SHA-256 stored), idle and absolute expiry, revocation, CSRF tokens.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { accounts, apiKeys, holders, roles, sessions } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { randomToken, sha256Hex } from './crypto.js';

/** A session ends after this long without a request (sliding). */
export const SESSION_IDLE_MS = 30 * 60_000;
/** …and this long after sign-in, however active. */
export const SESSION_MAX_MS = 8 * 60 * 60_000;
/** last_seen_at is written at most this often per session. */
export const SESSION_TOUCH_MS = 60_000;

/** 32 random bytes, base64url: the only shape a session id can have (anything else is not looked up). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface Session {
  idHash: string;
  accountId: string;
  email: string;
  keyId: string;
  csrf: string;
  moderator: boolean;
  /** The rights holder this account signed up as (holders.id), or null. */
  holderId: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface NewSession {
  /** The cookie value: returned once, never stored. */
  id: string;
  csrf: string;
  expiresAt: string;
}

/** What the table stores instead of the id: its SHA-256 (hex). */
export const hashSessionId = (id: string): Promise<string> => sha256Hex(id);

/** Starts a session for an account and the key it signed in with; clears that account's expired sessions. */
export async function createSession(db: Db, who: { accountId: string; keyId: string }, now = new Date()): Promise<NewSession> {
  const id = randomToken(32);
  const csrf = randomToken(32);
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS).toISOString();
  await db.batch([
    db.delete(sessions).where(and(eq(sessions.accountId, who.accountId), lt(sessions.expiresAt, at))),
    db.insert(sessions).values({ idHash: await hashSessionId(id), accountId: who.accountId, keyId: who.keyId, csrf, createdAt: at, lastSeenAt: at, expiresAt }),
  ]);
  return { id, csrf, expiresAt };
}

/** Why a presented session id does not sign anyone in (for tests and logs; people just see "signed out"). */
export type SessionRefusal = 'malformed' | 'unknown' | 'revoked' | 'key-revoked' | 'expired' | 'idle';

/** The live session a cookie value names, or why there is none. One D1 read (session, key, account, role). */
export async function findSession(db: Db, id: string, now = new Date()): Promise<Session | SessionRefusal> {
  if (!SESSION_ID.test(id)) return 'malformed';
  const row = await db
    .select({
      idHash: sessions.idHash, accountId: sessions.accountId, keyId: sessions.keyId, csrf: sessions.csrf, createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt, keyRevokedAt: apiKeys.revokedAt,
      email: accounts.email,
      moderator: sql<number>`exists (select 1 from ${roles} where ${roles.accountId} = ${sessions.accountId} and ${roles.role} = 'moderator')`,
      holderId: sql<string | null>`(select ${holders.id} from ${holders} where ${holders.accountId} = ${sessions.accountId})`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(apiKeys, eq(apiKeys.id, sessions.keyId))
    .where(eq(sessions.idHash, await hashSessionId(id)))
    .get();
  if (!row) return 'unknown';
  if (row.revokedAt) return 'revoked';
  if (row.keyRevokedAt) return 'key-revoked';
  const t = now.getTime();
  if (Date.parse(row.expiresAt) <= t) return 'expired';
  if (Date.parse(row.lastSeenAt) + SESSION_IDLE_MS <= t) return 'idle';
  const { revokedAt: _r, keyRevokedAt: _k, moderator, ...rest } = row;
  return { ...rest, moderator: Boolean(moderator) };
}

/** Whether last_seen_at is old enough to be written again. */
export const needsTouch = (s: Session, now = new Date()): boolean => now.getTime() - Date.parse(s.lastSeenAt) >= SESSION_TOUCH_MS;

/** Slides the idle timeout (a conditional write: concurrent requests do not all write). */
export async function touchSession(db: Db, idHash: string, now = new Date()): Promise<void> {
  const stale = new Date(now.getTime() - SESSION_TOUCH_MS).toISOString();
  await db
    .update(sessions)
    .set({ lastSeenAt: now.toISOString() })
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), lt(sessions.lastSeenAt, stale)));
}

/** Ends a session (sign-out). */
export async function revokeSession(db: Db, idHash: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ revokedAt: now.toISOString() }).where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
}
