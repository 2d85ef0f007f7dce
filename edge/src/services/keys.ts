// API keys: random secrets shown once, stored as SHA-256 hashes with a display prefix; create, list, revoke, verify.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { accounts, apiKeys } from '../db/schema.js';
import type { Caller, Db } from '../types/env.js';
import { newId, randomToken, sha256Hex } from './crypto.js';
import { ApiError, notFound } from './errors.js';

const KEY_PREFIX = 'clr_';
const PREFIX_LENGTH = 12;

export interface CreatedKey {
  id: string;
  prefix: string;
  name: string | null;
  createdAt: string;
  /** The secret: returned once, never stored. */
  key: string;
}

function publicKey(k: typeof apiKeys.$inferSelect) {
  return { id: k.id, prefix: k.prefix, name: k.name, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt };
}

/** Keys an account may hold that are not revoked (a leaked-key sprawl has a ceiling; revoked keys stay for audit). */
export const MAX_ACTIVE_KEYS = 20;

/** A new key for the account (409 `too_many_keys` when it already holds MAX_ACTIVE_KEYS active ones). */
export async function createKey(db: Db, accountId: string, name: string | null = null): Promise<CreatedKey> {
  const key = `${KEY_PREFIX}${randomToken(32)}`;
  const [id, hash, prefix] = [newId('key'), await sha256Hex(key), key.slice(0, PREFIX_LENGTH)];
  // One statement, so that concurrent creations can never pass the ceiling together.
  const saved = await db.get<Omit<CreatedKey, 'key'> | undefined>(sql`INSERT INTO api_keys (id, account_id, hash, prefix, name)
    SELECT ${id}, ${accountId}, ${hash}, ${prefix}, ${name}
    WHERE (SELECT count(*) FROM api_keys WHERE account_id = ${accountId} AND revoked_at IS NULL) < ${MAX_ACTIVE_KEYS}
    RETURNING id, prefix, name, created_at AS createdAt`);
  if (!saved) {
    throw new ApiError(409, 'too_many_keys', `this account already has ${MAX_ACTIVE_KEYS} active keys, the most allowed; revoke one it no longer needs (DELETE /v1/keys/{id}) and try again`);
  }
  return { ...saved, key };
}

export async function listKeys(db: Db, accountId: string) {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.accountId, accountId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(publicKey);
}

export async function revokeKey(db: Db, accountId: string, keyId: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.accountId, accountId), isNull(apiKeys.revokedAt)))
    .returning();
  if (row) return publicKey(row);
  const existing = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.accountId, accountId)))
    .get();
  if (!existing) throw notFound('key');
  return publicKey(existing);
}

/** Whether a presented secret has the shape of a key this service issues (`clr_` + 32 random bytes, base64url). */
export function looksLikeKey(presented: string): boolean {
  return /^clr_[A-Za-z0-9_-]{43}$/.test(presented);
}

const unauthorized = (message: string) =>
  new ApiError(401, 'unauthorized', message, { 'WWW-Authenticate': 'Bearer realm="clearance"' });

/** Resolves a presented key to its caller; the lookup is by hash, so the secret is never compared in plain text. */
export async function authenticateKey(db: Db, presented: string): Promise<Caller> {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) throw unauthorized('invalid API key');
  const hash = await sha256Hex(presented);
  const row = await db
    .select({ keyId: apiKeys.id, prefix: apiKeys.prefix, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt, accountId: accounts.id, planId: accounts.planId })
    .from(apiKeys)
    .innerJoin(accounts, eq(accounts.id, apiKeys.accountId))
    .where(eq(apiKeys.hash, hash))
    .get();
  if (!row || row.revokedAt) throw unauthorized(row ? 'API key revoked' : 'invalid API key');
  return { accountId: row.accountId, planId: row.planId, keyId: row.keyId, keyPrefix: row.prefix, via: 'key', lastUsedAt: row.lastUsedAt };
}

/** Records last use at most once a minute per key (one cheap conditional write). */
export async function touchKey(db: Db, keyId: string, now = new Date()): Promise<void> {
  const stale = new Date(now.getTime() - 60_000).toISOString();
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now.toISOString() })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
}
