// What the release decided about each opt-in submission (items `optin:<submission>`), written to the edge's
// `submissions` rows so the holder's dashboard shows every status with its reasons, rejections included.
import type { Decision } from '../catalog/decision.js';
import type { Statement } from './target.js';

/** The `optin` source's item ids are `optin:<submission id>` (pipeline/pull/optin-files.ts). */
const OPTIN_PREFIX = 'optin:';

/** One UPDATE per opt-in decision (a row the edge does not have is left alone: a release may carry old submissions). */
export function optinDecisionStatements(decisions: ReadonlyMap<string, Decision>, release: string): Statement[] {
  const out: Statement[] = [];
  for (const d of decisions.values()) {
    if (!d.id.startsWith(OPTIN_PREFIX)) continue;
    out.push({
      sql: 'UPDATE submissions SET release_status = ?, release_reasons = ?, release_name = ? WHERE item_id = ?',
      params: [d.status, JSON.stringify(d.reasons.map((r) => ({ code: r.code, detail: r.detail }))), release, d.id],
    });
  }
  return out;
}
