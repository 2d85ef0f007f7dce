// Auth middleware: API keys (Bearer), signed URLs, the admin token and role checks.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Caller } from '../types/env.js';
import { hasRole, type Role } from '../services/accounts.js';
import { safeEqual } from '../services/crypto.js';
import { ApiError } from '../services/errors.js';
import type { Credential } from '../services/download-context.js';
import { authenticateKey, touchKey } from '../services/keys.js';
import { verifyDownload } from '../services/signing.js';

function bearerToken(c: Context): string {
  const header = c.req.header('Authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new ApiError(401, 'unauthorized', 'send Authorization: Bearer <key>', { 'WWW-Authenticate': 'Bearer realm="clearance"' });
  return m[1]!;
}

async function callerFromKey(c: Context<AppEnv>): Promise<Caller> {
  const caller = await authenticateKey(c.var.db, bearerToken(c));
  touchLater(c, caller.keyId, caller.lastUsedAt ?? null);
  return caller;
}

/**
 * Credential and price bound of a download: a signed URL (acct, kid, exp, maxPriceMicros, sig; verified here, its price
 * signed in) or a Bearer key (checked by the caller) with the caller's optional `maxPriceMicros`.
 */
export async function credentialForDownload(c: Context<AppEnv>, itemId: string): Promise<{ cred: Credential; maxPriceMicros: number | null }> {
  const q = c.req.query();
  const max = q.maxPriceMicros === undefined ? null : Number(q.maxPriceMicros);
  if (q.sig === undefined) return { cred: { apiKey: bearerToken(c) }, maxPriceMicros: max };
  const exp = Number(q.exp);
  if (!q.acct || !q.kid || !Number.isSafeInteger(exp) || max === null) {
    throw new ApiError(403, 'bad_signature', 'the signed URL is incomplete (or from a manifest issued before prices were signed); fetch a new manifest');
  }
  await verifyDownload(c.env, itemId, { acct: q.acct, kid: q.kid, exp, maxPriceMicros: max, sig: q.sig });
  return { cred: { keyId: q.kid, accountId: q.acct }, maxPriceMicros: max };
}

/** Records the key's last use after the response (at most once a minute per key; no write when recent). */
export function touchLater(c: Context<AppEnv>, keyId: string, lastUsedAt: string | null): void {
  if (lastUsedAt && Date.now() - Date.parse(lastUsedAt) < 60_000) return;
  const touch = touchKey(c.var.db, keyId).catch(() => undefined);
  try {
    c.executionCtx.waitUntil(touch);
  } catch {
    /* no execution context (plain app.request): the promise still runs */
  }
}

/** The caller when the request carries an Authorization header (a bad key is still a 401), else undefined: public
 *  routes that apply an account's settings when they know the account. */
export async function optionalCaller(c: Context<AppEnv>): Promise<Caller | undefined> {
  return c.req.header('Authorization') === undefined ? undefined : callerFromKey(c);
}

export const requireKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('caller', await callerFromKey(c));
  await next();
};

export const requireRole =
  (role: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const caller = await callerFromKey(c);
    if (!(await hasRole(c.var.db, caller.accountId, role))) throw new ApiError(403, 'forbidden', `this needs the ${role} role`);
    c.set('caller', caller);
    await next();
  };

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearerToken(c);
  if (!c.env.ADMIN_TOKEN || !(await safeEqual(token, c.env.ADMIN_TOKEN))) {
    throw new ApiError(401, 'unauthorized', 'invalid admin token');
  }
  await next();
};
