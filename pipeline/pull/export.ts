// What `clearance pull` exports from D1: every decided review as a ReviewDecision line, and every withdrawal a person
// made (moderators, rights holders) as a Withdrawal line. A table an older database lacks reads as empty.
import { ReviewDecision, Withdrawal } from '../catalog/index.js';
import type { Statement } from '../publish/target.js';
import { CliError } from '../util/cli-error.js';
import type { D1Reader, Row } from './d1-reader.js';

const PAGE = 5000;

/** All rows of a query, paged by `id` (the query takes the last id as its one parameter and has ORDER BY id LIMIT). */
export async function allRows(reader: D1Reader, sql: (limit: number) => string, notes: string[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (let after = ''; ; ) {
    let page: Row[];
    try {
      page = await reader.query({ sql: sql(PAGE), params: [after] } satisfies Statement);
    } catch (err) {
      const missing = /no such table: (\w+)/.exec((err as Error).message);
      if (!missing) throw err;
      notes.push(`the database has no ${missing[1]} table yet (its migrations predate it): nothing to export from it`);
      return rows;
    }
    rows.push(...page);
    if (page.length < PAGE) return rows;
    after = String(page[page.length - 1]!.id);
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const byTime = <T extends { at: string }>(a: { line: T; key: string }, b: { line: T; key: string }) => a.line.at.localeCompare(b.line.at) || a.key.localeCompare(b.key);

export async function decidedReviews(reader: D1Reader, notes: string[]): Promise<ReviewDecision[]> {
  const rows = await allRows(
    reader,
    (n) => `SELECT id, item_id, evidence_hash, status, decided_licence, decided_by, decided_at, note FROM reviews WHERE status IN ('approved', 'rejected') AND id > ? ORDER BY id LIMIT ${n}`,
    notes,
  );
  const out = rows.map((r) => {
    const parsed = ReviewDecision.safeParse({
      id: r.item_id,
      evidenceHash: r.evidence_hash,
      action: r.status === 'approved' ? 'approve' : 'reject',
      ...(r.status === 'approved' ? { licence: r.decided_licence } : {}),
      note: r.note,
      by: r.decided_by,
      at: r.decided_at,
    });
    if (!parsed.success || (r.status === 'approved' && !parsed.data.licence)) {
      const why = parsed.success ? 'approved without a licence' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new CliError(`D1 review ${String(r.id)} (${String(r.item_id)}) is decided but incomplete (${why}): fix the row; nothing was written`);
    }
    return { line: parsed.data, key: String(r.id) };
  });
  return out.sort(byTime).map((x) => x.line);
}

export async function peopleWithdrawals(reader: D1Reader, notes: string[]): Promise<Withdrawal[]> {
  // Withdrawals a release made (`by = 'release'`) are the pipeline's own decisions, already in the build's outputs:
  // feeding them back would make every passing rejection permanent and block a moderator's later approval.
  const rows = await allRows(reader, (n) => `SELECT id, item_id, sha256, fingerprint, reason, "by", at FROM withdrawals WHERE "by" <> 'release' AND id > ? ORDER BY id LIMIT ${n}`, notes);
  const out = rows.map((r) => {
    const sha = str(r.sha256)?.toLowerCase();
    const fingerprint = str(r.fingerprint);
    const parsed = Withdrawal.safeParse({ id: r.item_id, ...(sha ? { sha256: sha } : {}), ...(fingerprint ? { fingerprint } : {}), reason: r.reason, at: r.at });
    if (!parsed.success) throw new CliError(`D1 withdrawal ${String(r.id)} (${String(r.item_id)}) cannot be written as a withdrawal line (${parsed.error.issues[0]?.message}): fix the row; nothing was written`);
    return { line: parsed.data, key: String(r.id) };
  });
  return out.sort(byTime).map((x) => x.line);
}
