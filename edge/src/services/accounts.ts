// Accounts and roles: create an account with its first key, read it, grant roles (moderator, rights holder).
import { and, eq } from 'drizzle-orm';
import { accounts, plans, roles } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { newId } from './crypto.js';
import { ApiError, conflict, notFound } from './errors.js';
import { createKey } from './keys.js';

export type Role = 'moderator' | 'rightsholder';

export async function createAccount(db: Db, email: string, planId: string) {
  const plan = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).get();
  if (!plan) throw new ApiError(400, 'unknown_plan', `plan '${planId}' does not exist`);
  const taken = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email)).get();
  if (taken) throw conflict(`an account with email '${email}' already exists`);
  const [account] = await db.insert(accounts).values({ id: newId('acct'), email, planId }).returning();
  const key = await createKey(db, account!.id, 'first key');
  return { account: account!, key };
}

export async function getAccount(db: Db, id: string) {
  const account = await db.select().from(accounts).where(eq(accounts.id, id)).get();
  if (!account) throw notFound('account');
  return account;
}

export async function listAccounts(db: Db) {
  return db.select().from(accounts).orderBy(accounts.createdAt);
}

export async function setPlan(db: Db, accountId: string, planId: string) {
  const plan = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).get();
  if (!plan) throw new ApiError(400, 'unknown_plan', `plan '${planId}' does not exist`);
  const [row] = await db.update(accounts).set({ planId }).where(eq(accounts.id, accountId)).returning();
  if (!row) throw notFound('account');
  return row;
}

/** Sets (or, with null, removes) the account's monthly spending cap on download charges (µ$); the charge batch enforces it. */
export async function setSpendCap(db: Db, accountId: string, spendCapMicros: number | null) {
  const [row] = await db.update(accounts).set({ spendCapMicros }).where(eq(accounts.id, accountId)).returning();
  if (!row) throw notFound('account');
  return row;
}

export async function listRoles(db: Db, accountId: string) {
  const rows = await db.select().from(roles).where(eq(roles.accountId, accountId));
  return rows.map((r) => ({ role: r.role, rightsHolder: r.rightsHolder || null }));
}

export async function grantRole(db: Db, accountId: string, role: Role, rightsHolder?: string) {
  await getAccount(db, accountId);
  if (role === 'rightsholder' && !rightsHolder) {
    throw new ApiError(400, 'invalid_request', 'the rightsholder role needs a rightsHolder name');
  }
  await db
    .insert(roles)
    .values({ accountId, role, rightsHolder: role === 'rightsholder' ? rightsHolder! : '' })
    .onConflictDoNothing();
  return listRoles(db, accountId);
}

export async function revokeRole(db: Db, accountId: string, role: Role, rightsHolder?: string) {
  await db
    .delete(roles)
    .where(and(eq(roles.accountId, accountId), eq(roles.role, role), eq(roles.rightsHolder, rightsHolder ?? '')));
  return listRoles(db, accountId);
}

export async function hasRole(db: Db, accountId: string, role: Role): Promise<boolean> {
  const row = await db.select({ r: roles.role }).from(roles).where(and(eq(roles.accountId, accountId), eq(roles.role, role))).get();
  return Boolean(row);
}

/** Names of the rights holders this account speaks for. */
export async function rightsHoldersOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .select({ name: roles.rightsHolder })
    .from(roles)
    .where(and(eq(roles.accountId, accountId), eq(roles.role, 'rightsholder')));
  return rows.map((r) => r.name);
}
