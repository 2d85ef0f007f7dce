// The review queue: publish opens one `reviews` row per held item and evidence hash, re-opens a returning one, and
// supersedes open rows whose evidence changed or whose item is no longer held. Decided rows are never touched.
import type { ReviewRecord } from '../catalog/index.js';
import { sha256Hex } from '../util/hash.js';
import type { PublishTarget, Statement } from './target.js';

export interface ReviewCounts {
  /** Rows inserted now, plus superseded rows whose evidence is back (re-opened). */
  opened: number;
  /** Held items whose row was already there (open or decided). */
  unchanged: number;
  /** Open rows closed because the record changed or the item is no longer held. */
  superseded: number;
}

interface Row {
  id: string;
  status: string;
}

/** Deterministic row id: `rev_` + 24 hex of sha256(item id, newline, evidence hash), so a re-publish finds its rows. */
export function reviewId(itemId: string, evidenceHash: string): string {
  return `rev_${sha256Hex(`${itemId}\n${evidenceHash}`).slice(0, 24)}`;
}

const INSERT =
  'INSERT INTO reviews (id, item_id, evidence_hash, source, release, main_code, reasons, evidence, title, sha256, thumb_key, status, created_at, updated_at) ' +
  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) ON CONFLICT(item_id, evidence_hash) DO NOTHING";

function insert(r: ReviewRecord, release: string, now: string): Statement {
  return {
    sql: INSERT,
    params: [reviewId(r.id, r.evidenceHash), r.id, r.evidenceHash, r.source, release, r.reasons[0]!.code, JSON.stringify(r.reasons), JSON.stringify(r), r.title, r.sha256 ?? null, r.files?.reviewThumb ?? null, now, now],
  };
}

/** Rows to read per page (remote reads go through wrangler, one call per page). */
const PAGE = 5000;

async function readRows(target: PublishTarget): Promise<Map<string, Row>> {
  const rows = new Map<string, Row>();
  for (let after = ''; ; ) {
    const page = await target.query({ sql: `SELECT id, status FROM reviews WHERE id > ? ORDER BY id LIMIT ${PAGE}`, params: [after] });
    for (const r of page) rows.set(String(r.id), { id: String(r.id), status: String(r.status) });
    if (page.length < PAGE) return rows;
    after = String(page[page.length - 1]!.id);
  }
}

/** Brings the queue in line with the release's held items; returns what changed. Idempotent. */
export async function syncReviews(target: PublishTarget, held: ReviewRecord[], release: string, now: string): Promise<ReviewCounts> {
  const existing = await readRows(target);
  const counts: ReviewCounts = { opened: 0, unchanged: 0, superseded: 0 };
  const wanted = new Set<string>();
  const steps: Statement[] = [];
  for (const r of held) {
    const id = reviewId(r.id, r.evidenceHash);
    if (wanted.has(id)) continue;
    wanted.add(id);
    const old = existing.get(id);
    if (!old) {
      steps.push(insert(r, release, now));
      counts.opened++;
    } else if (old.status === 'superseded') {
      // The record is back to evidence a moderator was once asked about: ask again.
      steps.push({ sql: "UPDATE reviews SET status = 'open', release = ?, updated_at = ? WHERE id = ? AND status = 'superseded'", params: [release, now, id] });
      counts.opened++;
    } else counts.unchanged++;
  }
  for (const old of existing.values()) {
    if (old.status !== 'open' || wanted.has(old.id)) continue;
    // Guarded: a row a moderator decides between the read and this write stays decided.
    steps.push({ sql: "UPDATE reviews SET status = 'superseded', updated_at = ? WHERE id = ? AND status = 'open'", params: [now, old.id] });
    counts.superseded++;
  }
  await target.execute(steps);
  return counts;
}
