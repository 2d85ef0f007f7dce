// What a verified holder does with a "Find my works" match: claim the item (a holder_claims row of method `match`, decided
// by a moderator: approved, the item is withdrawn) or ask for its withdrawal (a flag of reason infringing naming the holder).
import { and, asc, eq } from 'drizzle-orm';
import { flags, holderClaims, holders, items } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { newId, randomToken, sha256Hex } from './crypto.js';
import { ApiError, conflict, notFound } from './errors.js';
import { Evidence, openEvidence } from './find-evidence.js';
import type { Holder } from './holders.js';
import { withdrawItem } from './moderation.js';
import { flagLimits, hit } from './rate-limit.js';
import { mustBeVerified } from './submissions.js';

async function liveItem(db: Db, itemId: string) {
  const item = await db.select({ id: items.id, status: items.status }).from(items).where(eq(items.id, itemId)).get();
  if (!item) throw notFound('item');
  if (item.status !== 'live') throw new ApiError(409, 'not_live', `the item is no longer in the catalogue (${item.status})`);
  return item;
}

/** Claims a matched item as the holder's own: one pending claim per holder and item. */
export async function claimMatch(db: Db, env: Bindings, holder: Holder, token: string, statement: string, now = new Date()) {
  mustBeVerified(holder);
  const e = await openEvidence(env, token, holder.id, now.getTime());
  await liveItem(db, e.itemId);
  const open = await db.select({ id: holderClaims.id }).from(holderClaims)
    .where(and(eq(holderClaims.holderId, holder.id), eq(holderClaims.method, 'match'), eq(holderClaims.itemId, e.itemId), eq(holderClaims.status, 'pending'))).get();
  if (open) throw conflict('you already claimed this item; a moderator will decide');
  const claim = {
    id: newId('claim'), holderId: holder.id, method: 'match' as const, subject: statement, itemId: e.itemId, evidence: JSON.stringify(e),
    token: randomToken(24), status: 'pending' as const, note: null, decidedBy: null, decidedAt: null, lastCheck: null, createdAt: now.toISOString(),
  };
  await db.insert(holderClaims).values(claim);
  return claim;
}

/** Asks for the matched item's withdrawal in one step: an open flag (reason infringing) carrying the holder's id and the
 *  evidence, in the moderators' flag queue; rate-limited as public flags are, per holder. */
export async function askWithdrawal(db: Db, env: Bindings, holder: Holder, token: string, note: string | undefined, now = new Date()) {
  mustBeVerified(holder);
  const e = await openEvidence(env, token, holder.id, now.getTime());
  await liveItem(db, e.itemId);
  const open = await db.select({ id: flags.id }).from(flags).where(and(eq(flags.itemId, e.itemId), eq(flags.holderId, holder.id), eq(flags.status, 'open'))).get();
  if (open) throw conflict('you already asked for this item’s withdrawal; a moderator will decide');
  const clientHash = await sha256Hex(`holder:${holder.id}`);
  const { limit, window } = flagLimits(env);
  await hit(env.DB, `flag:${clientHash}`, limit, window);
  const how = e.signal === 'sha256' ? 'the same file (SHA-256)' : `${e.signal} match, hash ${e.hash}/64 bits, colour ${e.colour}/255`;
  const text = `Rights holder ${holder.name} (${holder.id}) asks for withdrawal via Find my works: ${how}; upload sha256 ${e.sha256}${e.url ? `, from ${e.url}` : ''}.${note ? ` Note: ${note}` : ''}`;
  const id = newId('flag');
  await db.insert(flags).values({ id, itemId: e.itemId, reason: 'infringing', note: text.slice(0, 2000), clientHash, createdAt: now.toISOString(), holderId: holder.id });
  return { id, itemId: e.itemId };
}

/** Pending match claims, oldest first, with the holder (the moderators' list). */
export async function pendingMatchClaims(db: Db, limit = 100) {
  return db
    .select({ claim: holderClaims, holderName: holders.name, holderStatus: holders.status, itemTitle: items.title, itemStatus: items.status })
    .from(holderClaims)
    .innerJoin(holders, eq(holders.id, holderClaims.holderId))
    .leftJoin(items, eq(items.id, holderClaims.itemId))
    .where(and(eq(holderClaims.method, 'match'), eq(holderClaims.status, 'pending')))
    .orderBy(asc(holderClaims.createdAt))
    .limit(limit);
}

/** One match claim with its holder, the claimed item and the evidence, for the side-by-side page. */
export async function matchClaim(db: Db, claimId: string) {
  const row = await db
    .select({ claim: holderClaims, holder: holders })
    .from(holderClaims)
    .innerJoin(holders, eq(holders.id, holderClaims.holderId))
    .where(and(eq(holderClaims.id, claimId), eq(holderClaims.method, 'match')))
    .get();
  if (!row) throw notFound('match claim');
  const item = row.claim.itemId
    ? await db.select({ id: items.id, title: items.title, licence: items.licence, status: items.status, rightsHolder: items.rightsHolder, thumbKey: items.thumbKey, sha256: items.sha256, sourceSha256: items.sourceSha256, fingerprint: items.fingerprint }).from(items).where(eq(items.id, row.claim.itemId)).get()
    : undefined;
  const evidence = Evidence.safeParse(JSON.parse(row.claim.evidence ?? 'null'));
  return { ...row, item, evidence: evidence.success ? evidence.data : null };
}

/**
 * A moderator decides a match claim. Approved: the claim is verified and the item withdrawn at once (reason naming the
 * holder and the claim; 451 on download, `optout.withdrawn` in the change feed), or left as it is when it was withdrawn
 * meanwhile. Rejected: the claim is closed with the note; the item stays.
 */
export async function decideMatchClaim(db: Db, env: Bindings, moderatorId: string, claimId: string, action: 'approve' | 'reject', note: string, now = new Date()) {
  const { claim } = await matchClaim(db, claimId);
  if (claim.status !== 'pending') throw conflict(`claim already decided (${claim.status})`);
  const at = now.toISOString();
  const [updated] = await db.update(holderClaims).set({ status: action === 'approve' ? 'verified' : 'rejected', note, decidedBy: moderatorId, decidedAt: at })
    .where(and(eq(holderClaims.id, claimId), eq(holderClaims.status, 'pending'))).returning();
  if (!updated) throw conflict('claim already decided (decided meanwhile)');
  let withdrawn = false;
  if (action === 'approve' && claim.itemId) {
    try {
      await withdrawItem(db, env, moderatorId, claim.itemId, `claimed by rights holder ${claim.holderId} (match claim ${claim.id}): ${note}`.slice(0, 1000), now, 'withdrawn: a rights holder’s claim was upheld');
      withdrawn = true;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409)) throw err; // withdrawn meanwhile: nothing left to do
    }
  }
  return { claim: updated, withdrawn };
}
