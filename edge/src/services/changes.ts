// The consent-change feed: the changes after a cursor, and the row other services add to their D1 batches.
import { asc, gt } from 'drizzle-orm';
import { changes } from '../db/schema.js';
import type { Db } from '../types/env.js';

export type ChangeKind = (typeof changes.kind.enumValues)[number];

/** One change as it is recorded: `by` (a moderator's account id, `release:<name>`) is kept but never published. */
export interface NewChange {
  itemId: string;
  sha256: string | null;
  kind: ChangeKind;
  /** Reason code: optout.withdrawn, release.dropped, release.reinstated, licence.moderator-approved, … */
  code: string;
  detail?: string | null;
  by: string;
  /** ISO time. */
  at: string;
}

/**
 * The insert of one change, to put in the same `db.batch([...])` as the change itself (withdrawal, reinstatement,
 * decision) so that the feed never misses or invents one. `seq` (the feed's cursor) is assigned by D1.
 */
export function changeRow(db: Db, change: NewChange) {
  return db.insert(changes).values({ ...change, detail: change.detail ?? null });
}

export interface ChangePage {
  changes: { seq: number; itemId: string; sha256: string | null; kind: ChangeKind; code: string; detail: string | null; at: string }[];
  /** The seq of the last change listed, or `since` when none is: the next call's `since`. */
  cursor: string;
  more: boolean;
}

/** Up to `limit` changes with seq > `since`, oldest first. */
export async function listChanges(db: Db, since: number, limit: number): Promise<ChangePage> {
  const rows = await db
    .select({ seq: changes.seq, itemId: changes.itemId, sha256: changes.sha256, kind: changes.kind, code: changes.code, detail: changes.detail, at: changes.at })
    .from(changes)
    .where(gt(changes.seq, since))
    .orderBy(asc(changes.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { changes: page, cursor: String(page.at(-1)?.seq ?? since), more: rows.length > limit };
}
