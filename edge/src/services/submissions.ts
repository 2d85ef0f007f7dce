// Works submitted by verified rights holders: checked by their bytes (type, size, pixels), stored in R2 under the
// non-public incoming/ prefix, listed with the status a release gave them, priced and withdrawn by their holder only.
import { and, eq, sql } from 'drizzle-orm';
import { MAX_PRICE_MICROS } from './prices.js';
import { submissions } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { newId } from './crypto.js';
import { ApiError, notFound } from './errors.js';
import type { Holder } from './holders.js';
import { declaredTypeLies, EXTENSIONS, sniffImage } from './image-sniff.js';
import { withdrawItem } from './moderation.js';
import { setPrice } from './rightsholder.js';

/** Largest original taken (bytes), most pixels, smallest side. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
export const MAX_UPLOAD_PIXELS = 100_000_000;
export const MIN_UPLOAD_SIDE = 64;
/** The R2 prefix of submitted originals: never served by /files, read only by `clearance pull`. */
export const INCOMING_PREFIX = 'incoming/';

export interface WorkInput {
  title: string;
  creator: string;
  priceMicros: number;
  generativeTraining: boolean;
}

export interface Upload {
  bytes: Uint8Array;
  /** The type the client declared (File.type or Content-Type); '' when none. */
  declaredType: string;
}

export type Submission = typeof submissions.$inferSelect;

const hex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Only a verified holder submits: 403 `holder_not_verified` (pending) or `holder_revoked`. */
export function mustBeVerified(holder: Holder): void {
  if (holder.status === 'revoked') throw new ApiError(403, 'holder_revoked', 'this rights holder was revoked by a moderator and cannot submit works');
  if (holder.status !== 'verified') throw new ApiError(403, 'holder_not_verified', 'prove ownership first (a domain token or a moderator’s review): only verified rights holders submit works');
}

export async function submitWork(db: Db, env: Bindings, holder: Holder, input: WorkInput, upload: Upload, now = new Date()): Promise<Submission> {
  mustBeVerified(holder);
  if (!Number.isSafeInteger(input.priceMicros) || input.priceMicros < 0 || input.priceMicros > MAX_PRICE_MICROS) {
    throw new ApiError(400, 'invalid_request', `the price is a whole number of µ$ from 0 to ${MAX_PRICE_MICROS}`);
  }
  if (upload.bytes.byteLength === 0) throw new ApiError(400, 'invalid_request', 'the file is empty');
  if (upload.bytes.byteLength > MAX_UPLOAD_BYTES) throw new ApiError(413, 'payload_too_large', `the file is over ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB`);
  const image = sniffImage(upload.bytes);
  if (!image) throw new ApiError(415, 'not_an_image', 'the file is not a JPEG, PNG, WebP or TIFF image (judged by its bytes)');
  const declared = declaredTypeLies(upload.declaredType, image);
  if (declared) {
    throw new ApiError(415, 'type_mismatch', `the file says it is ${declared} but its bytes are ${image.contentType}`);
  }
  if (image.width * image.height > MAX_UPLOAD_PIXELS) throw new ApiError(413, 'too_many_pixels', `the image is ${image.width} × ${image.height} px, over ${MAX_UPLOAD_PIXELS / 1e6} megapixels`);
  if (Math.min(image.width, image.height) < MIN_UPLOAD_SIDE) throw new ApiError(400, 'too_small', `the image is ${image.width} × ${image.height} px; each side needs at least ${MIN_UPLOAD_SIDE} px`);
  const sha = hex(await crypto.subtle.digest('SHA-256', upload.bytes));
  const key = `${INCOMING_PREFIX}${sha.slice(0, 2)}/${sha}.${EXTENSIONS[image.format]}`;
  await env.FILES.put(key, upload.bytes, { httpMetadata: { contentType: image.contentType } });
  const id = newId('sub').toLowerCase().replace(/[^a-z0-9_]/g, 'x');
  const at = now.toISOString();
  const row: Submission = {
    id, itemId: `optin:${id}`, holderId: holder.id, title: input.title, creator: input.creator, priceMicros: input.priceMicros,
    generativeTraining: input.generativeTraining, sha256: sha, incomingKey: key, contentType: image.contentType, format: image.format,
    bytes: upload.bytes.byteLength, width: image.width, height: image.height, status: 'submitted', releaseStatus: null, releaseReasons: null, releaseName: null, createdAt: at, updatedAt: at,
  };
  await db.insert(submissions).values(row);
  return row;
}

export type WorkStatus = 'pending' | 'accepted' | 'held' | 'rejected' | 'withdrawn';

export interface Work {
  id: string;
  itemId: string;
  title: string;
  creator: string;
  priceMicros: number;
  generativeTraining: boolean;
  format: string;
  width: number;
  height: number;
  createdAt: string;
  status: WorkStatus;
  /** Why: the release's reasons when held, the moderator's note when rejected, the withdrawal reason. */
  reasons: string[];
}

interface WorkRow {
  id: string; item_id: string; title: string; creator: string; price_micros: number; generative_training: number; format: string;
  width: number; height: number; created_at: string; status: string; item_status: string | null; item_price: number | null;
  withdrawn_reason: string | null; review_status: string | null; review_reasons: string | null; review_note: string | null;
  release_status: string | null; release_reasons: string | null; release_name: string | null;
}

/** `code: detail` lines of a JSON [{ code, detail }] column ([] when unreadable). */
function reasonLines(json: string | null): string[] {
  try {
    return (JSON.parse(json ?? '[]') as { code: string; detail: string }[]).map((x) => `${x.code}: ${x.detail}`);
  } catch {
    return [];
  }
}

/** The edge's state first (withdrawn, live, a moderator's decision), then what the last release decided. */
function statusOf(r: WorkRow): { status: WorkStatus; reasons: string[] } {
  if (r.status === 'withdrawn' || r.item_status === 'withdrawn') return { status: 'withdrawn', reasons: r.withdrawn_reason ? [r.withdrawn_reason] : ['withdrawn by you'] };
  if (r.item_status === 'live') return { status: 'accepted', reasons: ['licence.optin: in the catalogue'] };
  if (r.review_status === 'open') return { status: 'held', reasons: reasonLines(r.review_reasons) };
  if (r.review_status === 'rejected') return { status: 'rejected', reasons: [...reasonLines(r.review_reasons), `moderator: ${r.review_note ?? ''}`] };
  if (r.review_status === 'approved') return { status: 'pending', reasons: ['approved by a moderator; in the next release'] };
  const release = reasonLines(r.release_reasons).map((x) => `${x} (release ${r.release_name ?? '?'})`);
  if (r.release_status === 'rejected') return { status: 'rejected', reasons: release };
  if (r.release_status === 'review') return { status: 'held', reasons: release };
  return { status: 'pending', reasons: ['waiting for the next release'] };
}

/** The holder's works, newest first, each with its status and reasons. */
export async function worksOf(db: Db, holderId: string, limit = 500): Promise<Work[]> {
  const rows = await db.all<WorkRow>(sql`
    SELECT s.id, s.item_id, s.title, s.creator, s.price_micros, s.generative_training, s.format, s.width, s.height, s.created_at, s.status,
      i.status AS item_status, i.price_micros AS item_price, i.withdrawn_reason,
      r.status AS review_status, r.reasons AS review_reasons, r.note AS review_note,
      s.release_status, s.release_reasons, s.release_name
    FROM submissions s
    LEFT JOIN items i ON i.id = s.item_id
    LEFT JOIN reviews r ON r.id = (SELECT id FROM reviews WHERE item_id = s.item_id ORDER BY created_at DESC LIMIT 1)
    WHERE s.holder_id = ${holderId}
    ORDER BY s.created_at DESC, s.id
    LIMIT ${limit}`);
  return rows.map((r) => ({
    id: r.id, itemId: r.item_id, title: r.title, creator: r.creator, priceMicros: r.item_price ?? r.price_micros,
    generativeTraining: Boolean(r.generative_training), format: r.format, width: r.width, height: r.height, createdAt: r.created_at, ...statusOf(r),
  }));
}

/** The holder's own submission (404 for anyone else's: another holder's works are not even confirmed to exist). */
async function ownSubmission(db: Db, holder: Holder, submissionId: string): Promise<Submission> {
  const row = await db.select().from(submissions).where(and(eq(submissions.id, submissionId), eq(submissions.holderId, holder.id))).get();
  if (!row) throw notFound('work');
  return row;
}

/** Sets the price of one of the holder's works: the next release takes it, and a published item's price changes now. */
export async function priceWork(db: Db, holder: Holder, submissionId: string, priceMicros: number, now = new Date()) {
  if (holder.status === 'revoked') throw new ApiError(403, 'holder_revoked', 'this rights holder was revoked by a moderator');
  const sub = await ownSubmission(db, holder, submissionId);
  if (sub.status === 'withdrawn') throw new ApiError(409, 'withdrawn', 'this work was withdrawn');
  await db.update(submissions).set({ priceMicros, updatedAt: now.toISOString() }).where(eq(submissions.id, sub.id));
  const published = await db.get<{ status: string } | undefined>(sql`SELECT status FROM items WHERE id = ${sub.itemId}`);
  if (published) await setPrice(db, [holder.id], sub.itemId, priceMicros);
  return { id: sub.id, itemId: sub.itemId, priceMicros };
}

/** Withdraws one of the holder's works: a published item is withdrawn at once (451, the change feed, the next
 *  release's optout.withdrawn); an unpublished one is never pulled into a release. */
export async function withdrawWork(db: Db, env: Bindings, holder: Holder, submissionId: string, reason: string, now = new Date()) {
  const sub = await ownSubmission(db, holder, submissionId);
  if (sub.status === 'withdrawn') throw new ApiError(409, 'withdrawn', 'this work was already withdrawn');
  const published = await db.get<{ status: string } | undefined>(sql`SELECT status FROM items WHERE id = ${sub.itemId}`);
  if (published?.status === 'live') await withdrawItem(db, env, holder.accountId, sub.itemId, `rights holder ${holder.id}: ${reason}`, now, 'withdrawn by its rights holder');
  await db.update(submissions).set({ status: 'withdrawn', updatedAt: now.toISOString() }).where(eq(submissions.id, sub.id));
  return { id: sub.id, itemId: sub.itemId, status: 'withdrawn' as const };
}
