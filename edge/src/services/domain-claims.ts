// Checking one of a holder's domain claims now: the token file fetched, the outcome recorded, the claim verified.
import { eq } from 'drizzle-orm';
import { holderClaims } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { checkableDomain, fetchVerification, verifySettings } from './domain-check.js';
import { ApiError, conflict, notFound } from './errors.js';
import { decideClaim, verificationLine } from './holders.js';
import { hit } from './rate-limit.js';

/** Domain checks per holder per window: each is an outbound fetch the holder triggers. */
const CHECKS = { limit: 10, windowSeconds: 600 };

/** 404 unless it is the holder's pending domain claim; 429 past 10 checks in 10 minutes; 400 with the reason when the
 *  file does not hold the token. */
export async function checkDomainClaim(db: Db, env: Bindings, holderId: string, claimId: string, fetcher: typeof fetch = fetch, now = new Date()) {
  const claim = await db.select().from(holderClaims).where(eq(holderClaims.id, claimId)).get();
  if (!claim || claim.holderId !== holderId || claim.method !== 'domain') throw notFound('domain claim');
  if (claim.status !== 'pending') throw conflict(`this claim is already ${claim.status}`);
  await hit(env.DB, `verify:${holderId}`, CHECKS.limit, CHECKS.windowSeconds, now.getTime());
  const settings = verifySettings(env);
  const d = checkableDomain(claim.subject, settings);
  const result = 'error' in d ? { ok: false, detail: d.error } : await fetchVerification(d.domain, verificationLine(claim), settings, fetcher);
  await db.update(holderClaims).set({ lastCheck: `${now.toISOString()}: ${result.detail}` }).where(eq(holderClaims.id, claim.id));
  if (!result.ok) throw new ApiError(400, 'not_verified', `not verified yet: ${result.detail}`);
  return decideClaim(db, claim.id, 'verified', 'domain-check', result.detail, now);
}
