// Safety filters of listings and manifests: the account's default, a request's overrides, their SQL and their summary.
import { eq, sql, type SQL } from 'drizzle-orm';
import { accounts, items } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { notFound } from './errors.js';

/** What a listing or manifest keeps: nudity score at most `maxNsfw` (null: no limit), no detected faces (`none`), no
 *  personal data found in text (`noTextPii`); items lacking a score a set limit needs are left out unless `includeUnscored`. */
export interface SafetyFilter {
  maxNsfw: number | null;
  faces: 'none' | 'any';
  noTextPii: boolean;
  includeUnscored: boolean;
}

/** A request's overrides, field by field (`any` clears the account's limit for that field). */
export interface SafetyOverrides {
  maxNsfw?: number | 'any' | undefined;
  faces?: 'none' | 'any' | undefined;
  textPii?: 'false' | 'any' | undefined;
  includeUnscored?: boolean | undefined;
}

/** Which settings produced a filter: none, the account's default, the request's parameters, or both. */
export type FilterFrom = 'none' | 'account' | 'request' | 'account+request';

export interface ResolvedFilter {
  filter: SafetyFilter;
  from: FilterFrom;
  /** Canonical text, e.g. `maxNsfw=0.2&faces=none&textPii=false`, or `none` (headers, manifest column, cursors). */
  summary: string;
}

export const NO_FILTER: SafetyFilter = { maxNsfw: null, faces: 'any', noTextPii: false, includeUnscored: false };

export const isActive = (f: SafetyFilter): boolean => f.maxNsfw !== null || f.faces === 'none' || f.noTextPii;

export function summarise(f: SafetyFilter): string {
  const parts: string[] = [];
  if (f.maxNsfw !== null) parts.push(`maxNsfw=${f.maxNsfw}`);
  if (f.faces === 'none') parts.push('faces=none');
  if (f.noTextPii) parts.push('textPii=false');
  if (parts.length && f.includeUnscored) parts.push('includeUnscored=true');
  return parts.length ? parts.join('&') : 'none';
}

/** The account's default (or none) with the request's overrides applied. */
export function resolveSafety(accountDefault: SafetyFilter | null, o: SafetyOverrides): ResolvedFilter {
  const base = accountDefault ?? NO_FILTER;
  const filter: SafetyFilter = {
    maxNsfw: o.maxNsfw === undefined ? base.maxNsfw : o.maxNsfw === 'any' ? null : o.maxNsfw,
    faces: o.faces ?? base.faces,
    noTextPii: o.textPii === undefined ? base.noTextPii : o.textPii === 'false',
    includeUnscored: o.includeUnscored ?? base.includeUnscored,
  };
  const fromAccount = accountDefault !== null && isActive(accountDefault);
  const fromRequest = Object.values(o).some((v) => v !== undefined);
  const from: FilterFrom = !isActive(filter) ? 'none' : fromAccount && fromRequest ? 'account+request' : fromAccount ? 'account' : fromRequest ? 'request' : 'none';
  return { filter, from, summary: summarise(filter) };
}

/** SQL conditions on `items` for a filter, by field (absent when that field keeps everything). */
export function safetyParts(f: SafetyFilter): { nsfw?: SQL; faces?: SQL; textPii?: SQL } {
  const unscored = (col: SQL) => (f.includeUnscored ? sql` OR ${col} IS NULL` : sql``);
  return {
    ...(f.maxNsfw !== null ? { nsfw: sql`(${items.nsfw} <= ${f.maxNsfw}${unscored(sql`${items.nsfw}`)})` } : {}),
    ...(f.faces === 'none' ? { faces: sql`(${items.faces} = 0${unscored(sql`${items.faces}`)})` } : {}),
    ...(f.noTextPii ? { textPii: sql`(${items.textPii} = 0${unscored(sql`${items.textPii}`)})` } : {}),
  };
}

/** SQL conditions on `items` for a filter (none when it keeps everything). */
export const safetyConditions = (f: SafetyFilter): SQL[] => Object.values(safetyParts(f));

/** The account's default filter, or null when it has none. */
export async function accountSafety(db: Db, accountId: string): Promise<SafetyFilter | null> {
  const a = await db
    .select({ maxNsfw: accounts.safetyMaxNsfw, faces: accounts.safetyFaces, noTextPii: accounts.safetyNoTextPii, includeUnscored: accounts.safetyIncludeUnscored })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .get();
  if (!a) throw notFound('account');
  const f: SafetyFilter = { maxNsfw: a.maxNsfw, faces: a.faces ?? 'any', noTextPii: a.noTextPii, includeUnscored: a.includeUnscored };
  return isActive(f) ? f : null;
}

/** Stores (or, with null, removes) the account's default filter. */
export async function setAccountSafety(db: Db, accountId: string, f: SafetyFilter | null) {
  const v = f ?? NO_FILTER;
  const [row] = await db
    .update(accounts)
    .set({ safetyMaxNsfw: v.maxNsfw, safetyFaces: v.faces === 'none' ? 'none' : null, safetyNoTextPii: v.noTextPii, safetyIncludeUnscored: v.includeUnscored })
    .where(eq(accounts.id, accountId))
    .returning();
  if (!row) throw notFound('account');
  return row;
}

/** The public shape of an account's stored default (null when none). */
export function safetyDefaultOf(a: { safetyMaxNsfw: number | null; safetyFaces: string | null; safetyNoTextPii: boolean; safetyIncludeUnscored: boolean }) {
  const f: SafetyFilter = { maxNsfw: a.safetyMaxNsfw, faces: a.safetyFaces === 'none' ? 'none' : 'any', noTextPii: a.safetyNoTextPii, includeUnscored: a.safetyIncludeUnscored };
  return isActive(f) ? publicFilter(f) : null;
}

/** A filter as JSON shows it: `textPii: false` keeps only items without personal data in text, null keeps any. */
export function publicFilter(f: SafetyFilter) {
  return { maxNsfw: f.maxNsfw, faces: f.faces, textPii: f.noTextPii ? (false as const) : null, includeUnscored: f.includeUnscored };
}

/** A filter from its JSON shape (PATCH /v1/account's `safetyDefault`). */
export function filterFromJson(j: { maxNsfw?: number | null | undefined; faces?: 'none' | 'any' | undefined; textPii?: false | null | undefined; includeUnscored?: boolean | undefined }): SafetyFilter {
  return { maxNsfw: j.maxNsfw ?? null, faces: j.faces ?? 'any', noTextPii: j.textPii === false, includeUnscored: j.includeUnscored ?? false };
}

/** A resolved filter as JSON bodies report it. */
export const describeFilter = (r: ResolvedFilter) => ({ ...publicFilter(r.filter), from: r.from, summary: r.summary });
