// Counts decisions by status, main code, every reason code and source, for report.json and the summary table.
import type { Decision, Status } from '../catalog/index.js';

export type StatusCounts = Record<Status, number> & { total: number };

export class Tally {
  total = 0;
  byStatus: Record<Status, number> = { accepted: 0, review: 0, rejected: 0 };
  /** Main (first) reason code of each decision. */
  byCode: Record<string, number> = {};
  /** Every reason code that appears, main or not. */
  byReason: Record<string, number> = {};
  sources: Record<string, StatusCounts> = {};

  add(source: string, d: Decision): void {
    this.total++;
    this.byStatus[d.status]++;
    const main = d.reasons[0]!.code;
    this.byCode[main] = (this.byCode[main] ?? 0) + 1;
    for (const r of new Set(d.reasons.map((x) => x.code))) this.byReason[r] = (this.byReason[r] ?? 0) + 1;
    const s = (this.sources[source] ??= { total: 0, accepted: 0, review: 0, rejected: 0 });
    s.total++;
    s[d.status]++;
  }
}
