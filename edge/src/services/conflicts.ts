// A held opt-in submission that copies another item (licence.conflict from the pipeline's dedup): the submission and
// the earlier item it copies, for moderators to see side by side.
import { eq } from 'drizzle-orm';
import { items, submissions } from '../db/schema.js';
import type { Db } from '../types/env.js';

export interface Conflict {
  /** The submission's R2 original (incoming/, never public): shown to moderators by the console. */
  submission: { id: string; holderId: string; incomingKey: string; contentType: string } | null;
  /** The earlier item the detail names (catalogued CC0/PD work or another holder's), when it is in D1. */
  other: { id: string; title: string; licence: string; status: string; thumbKey: string; rightsHolder: string | null } | null;
  otherId: string | null;
}

/** The id the dedup detail names: "… as <id>" (exact copy) or "looks like <id> (…)" (near copy). */
export function copiedItemId(detail: string): string | null {
  return /(?:same bytes \(sha256 [0-9a-f]+…\) as|looks like) (\S+?)(?: \(|$)/.exec(detail)?.[1] ?? null;
}

/** What the side-by-side view needs, or null when the review is not a licence conflict. */
export async function conflictOf(db: Db, itemId: string, reasons: readonly { code: string; detail: string }[]): Promise<Conflict | null> {
  const reason = reasons.find((r) => r.code === 'licence.conflict');
  if (!reason) return null;
  const otherId = copiedItemId(reason.detail);
  const [submission, other] = await Promise.all([
    db.select({ id: submissions.id, holderId: submissions.holderId, incomingKey: submissions.incomingKey, contentType: submissions.contentType }).from(submissions).where(eq(submissions.itemId, itemId)).get(),
    otherId
      ? db.select({ id: items.id, title: items.title, licence: items.licence, status: items.status, thumbKey: items.thumbKey, rightsHolder: items.rightsHolder }).from(items).where(eq(items.id, otherId)).get()
      : undefined,
  ]);
  return { submission: submission ?? null, other: other ?? null, otherId };
}

/** Whether a review's item is a rights holder's submission: it is opted in, so a moderator cannot approve it as CC0 or
 *  PDM (the only approvals the review decision knows); rejecting it is the moderator's call. */
export async function isSubmission(db: Db, itemId: string): Promise<boolean> {
  return Boolean(await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.itemId, itemId)).get());
}
