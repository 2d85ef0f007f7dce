// Rights holders who sign up in the browser: the account, the holder row and its role; claims of ownership; status.
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { holderClaims, holders } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { createAccount, grantRole } from './accounts.js';
import { newId, randomToken } from './crypto.js';
import { ApiError, conflict, notFound } from './errors.js';

export type Holder = typeof holders.$inferSelect;
export type Claim = typeof holderClaims.$inferSelect;

/** A holder id: the name's letters and digits (lower case, dashes) and a random suffix, e.g. `ada-lovelace-k3x9`. */
function holderIdFor(name: string): string {
  const slug = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'holder';
  return `${slug}-${randomToken(4).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
}

/** Creates a rights holder's account (plan payg), its first key (shown once), the holder row (pending) and its role. */
export async function signUpHolder(db: Db, email: string, name: string, now = new Date()) {
  const { account, key } = await createAccount(db, email, 'payg');
  const at = now.toISOString();
  const holder: Holder = { id: holderIdFor(name), accountId: account.id, name, status: 'pending', statusNote: 'signed up; no ownership proved yet', statusBy: null, createdAt: at, updatedAt: at };
  await db.insert(holders).values(holder);
  await grantRole(db, account.id, 'rightsholder', holder.id);
  return { holder, accountId: account.id, key };
}

export async function holderById(db: Db, id: string): Promise<Holder> {
  const row = await db.select().from(holders).where(eq(holders.id, id)).get();
  if (!row) throw notFound('rights holder');
  return row;
}

export async function holderOfAccount(db: Db, accountId: string): Promise<Holder | undefined> {
  return db.select().from(holders).where(eq(holders.accountId, accountId)).get();
}

export async function claimsOf(db: Db, holderId: string): Promise<Claim[]> {
  return db.select().from(holderClaims).where(eq(holderClaims.holderId, holderId)).orderBy(asc(holderClaims.createdAt));
}

/** What goes in the verification file: one line the holder copies. */
export const verificationLine = (claim: Pick<Claim, 'token'>): string => `clearance-verification=${claim.token}`;

/** Opens a claim: a domain to prove with the token file, or a statement for a moderator to review. At most 20 open. */
export async function addClaim(db: Db, holderId: string, method: 'domain' | 'review', subject: string, now = new Date()): Promise<Claim> {
  const open = await db.select({ n: sql<number>`count(*)` }).from(holderClaims).where(and(eq(holderClaims.holderId, holderId), eq(holderClaims.status, 'pending'))).get();
  if ((open?.n ?? 0) >= 20) throw new ApiError(409, 'too_many_claims', 'you have 20 open claims; finish or wait for those first');
  const claim: Claim = {
    id: newId('claim'), holderId, method, subject, itemId: null, evidence: null, token: randomToken(24), status: 'pending', note: null, decidedBy: null, decidedAt: null, lastCheck: null,
    createdAt: now.toISOString(),
  };
  await db.insert(holderClaims).values(claim);
  return claim;
}

/**
 * Marks a pending claim verified or rejected and recomputes the holder's status in the same batch: verified when any
 * claim is (a revoked holder stays revoked until a moderator reinstates it).
 */
export async function decideClaim(db: Db, claimId: string, outcome: 'verified' | 'rejected', by: string, note: string, now = new Date()): Promise<Claim> {
  const claim = await db.select().from(holderClaims).where(eq(holderClaims.id, claimId)).get();
  if (!claim) throw notFound('claim');
  if (claim.method === 'match') throw conflict('a claim of a catalogued item is decided on its own page (/console/matches)');
  if (claim.status !== 'pending') throw conflict(`claim already decided (${claim.status})`);
  const at = now.toISOString();
  const [updated] = await db.batch([
    db.update(holderClaims).set({ status: outcome, note, decidedBy: by, decidedAt: at }).where(and(eq(holderClaims.id, claimId), eq(holderClaims.status, 'pending'))).returning(),
    db
      .update(holders)
      .set({ status: 'verified', statusNote: `${claim.method === 'domain' ? `domain ${claim.subject}` : claim.subject}: ${note}`, statusBy: by, updatedAt: at })
      .where(and(eq(holders.id, claim.holderId), eq(holders.status, 'pending'), sql`${outcome} = 'verified'`)),
  ]);
  if (!updated[0]) throw conflict('claim already decided (decided meanwhile)');
  return updated[0];
}

/** A moderator revokes a holder (no new submissions; exported as revoked) or reinstates one with a verified claim. */
export async function setHolderStatus(db: Db, holderId: string, status: 'revoked' | 'verified', by: string, note: string, now = new Date()): Promise<Holder> {
  const holder = await holderById(db, holderId);
  if (status === 'verified') {
    const ok = await db.select({ id: holderClaims.id }).from(holderClaims).where(and(eq(holderClaims.holderId, holderId), eq(holderClaims.status, 'verified'))).get();
    if (!ok) throw conflict('this holder has no verified claim: verify a claim instead');
  }
  if (holder.status === status) throw conflict(`the holder is already ${status}`);
  const [row] = await db.update(holders).set({ status, statusNote: note, statusBy: by, updatedAt: now.toISOString() }).where(eq(holders.id, holderId)).returning();
  return row!;
}

/** Pending claims of ownership, oldest first, with their holder (the moderators' list; claims of a catalogued item,
 *  method match, have their own: services/find-claims.ts). */
export async function pendingClaims(db: Db, limit = 100) {
  return db
    .select({ claim: holderClaims, holderName: holders.name, holderStatus: holders.status })
    .from(holderClaims)
    .innerJoin(holders, eq(holders.id, holderClaims.holderId))
    .where(and(eq(holderClaims.status, 'pending'), ne(holderClaims.method, 'match')))
    .orderBy(asc(holderClaims.createdAt))
    .limit(limit);
}

export async function listHolders(db: Db, limit = 200): Promise<Holder[]> {
  return db.select().from(holders).orderBy(desc(holders.updatedAt)).limit(limit);
}
