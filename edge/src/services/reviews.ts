// The review queue (rows written by `clearance publish`): list with filters and paging, read one, count the open ones.
import { and, asc, eq, gt, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { reviews } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { notFound } from './errors.js';

const REVIEW_STATUSES = ['open', 'approved', 'rejected', 'superseded'] as const;
export type ReviewRow = typeof reviews.$inferSelect;

export const ReviewFilter = z.object({
  status: z.enum(REVIEW_STATUSES).default('open'),
  code: z.string().trim().min(1).max(100).optional(),
  source: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
});
export type ReviewFilter = z.infer<typeof ReviewFilter>;

export interface Reason {
  code: string;
  detail: string;
}

/** The columns a queue row shows (no evidence JSON). */
export function reviewSummary(r: ReviewRow) {
  return {
    id: r.id, itemId: r.itemId, status: r.status, mainCode: r.mainCode, source: r.source, release: r.release, title: r.title,
    sha256: r.sha256, hasThumb: reviewThumbKey(r) !== null, createdAt: r.createdAt, decidedLicence: r.decidedLicence, decidedBy: r.decidedBy,
    decidedAt: r.decidedAt, note: r.note,
  };
}
export type ReviewSummary = ReturnType<typeof reviewSummary>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null; // shown as absent rather than failing the page
  }
}

/** The reasons column as a list (entries without a code are dropped). */
function reviewReasons(r: ReviewRow): Reason[] {
  const list = parseJson(r.reasons);
  if (!Array.isArray(list)) return [];
  return list
    .filter((x): x is { code: unknown; detail?: unknown } => typeof x === 'object' && x !== null && 'code' in x)
    .map((x) => ({ code: String(x.code), detail: x.detail === undefined || x.detail === null ? '' : String(x.detail) }));
}

/** Everything about one review: the summary, its reasons, the evidence record as publish stored it. */
export function reviewDetail(r: ReviewRow) {
  const evidence = parseJson(r.evidence);
  return {
    ...reviewSummary(r),
    evidenceHash: r.evidenceHash,
    reasons: reviewReasons(r),
    evidence: typeof evidence === 'object' && evidence !== null && !Array.isArray(evidence) ? (evidence as Record<string, unknown>) : {},
    updatedAt: r.updatedAt,
  };
}

/** A page of reviews, oldest first (the queue is worked in arrival order); `cursor` continues it. */
export async function listReviews(db: Db, f: ReviewFilter): Promise<{ reviews: ReviewSummary[]; cursor: string | null }> {
  const where: SQL[] = [eq(reviews.status, f.status)];
  if (f.code) where.push(eq(reviews.mainCode, f.code));
  if (f.source) where.push(eq(reviews.source, f.source));
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor, 2) as [string, string];
    where.push(or(gt(reviews.createdAt, at), and(eq(reviews.createdAt, at), gt(reviews.id, id)))!);
  }
  const rows = await db.select().from(reviews).where(and(...where)).orderBy(asc(reviews.createdAt), asc(reviews.id)).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { reviews: page.map(reviewSummary), cursor: rows.length > f.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
}

export async function getReview(db: Db, id: string): Promise<ReviewRow> {
  const row = await db.select().from(reviews).where(eq(reviews.id, id)).get();
  if (!row) throw notFound('review');
  return row;
}

/** Other reviews of the same item (earlier or later evidence), newest first. */
export async function otherReviews(db: Db, r: ReviewRow): Promise<ReviewSummary[]> {
  const rows = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.itemId, r.itemId), ne(reviews.id, r.id)))
    .orderBy(sql`${reviews.createdAt} desc`)
    .limit(20);
  return rows.map(reviewSummary);
}

/** Open reviews counted by main reason and by source: the queue's filter choices. */
export async function openFacets(db: Db): Promise<{ codes: [string, number][]; sources: [string, number][] }> {
  const [codes, sources] = await Promise.all([
    db.select({ k: reviews.mainCode, n: sql<number>`count(*)` }).from(reviews).where(eq(reviews.status, 'open')).groupBy(reviews.mainCode),
    db.select({ k: reviews.source, n: sql<number>`count(*)` }).from(reviews).where(eq(reviews.status, 'open')).groupBy(reviews.source),
  ]);
  const sorted = (rows: { k: string; n: number }[]): [string, number][] => rows.map((r): [string, number] => [r.k, r.n]).sort((a, b) => a[0].localeCompare(b[0]));
  return { codes: sorted(codes), sources: sorted(sources) };
}

/** The R2 key of a review's private thumbnail, when it has one under review-thumb/. */
export function reviewThumbKey(r: ReviewRow): string | null {
  return r.thumbKey && /^review-thumb\/[0-9a-f]{2}\/[0-9a-f]{64}\.(webp|avif|jpg|png)$/.test(r.thumbKey) ? r.thumbKey : null;
}
