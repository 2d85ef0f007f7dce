// The release's `reviews` file (JSON Lines of ReviewDecision): moderators' decisions on held items, by item id.
import { ReviewDecision } from '../catalog/index.js';
import { insideRelease } from '../optout/release-signals.js';
import { CliError } from '../util/cli-error.js';
import { parseJsonLinesStrict } from '../util/jsonl-strict.js';
import { readRegularText, UnreadableFile } from '../util/read-regular.js';

export type ReviewDecisions = Map<string, ReviewDecision[]>;

/** Parses the file; a line it cannot read fails the whole run (a moderator's decision must never be skipped). */
function parseReviewDecisions(text: string, file = 'reviews'): ReviewDecisions {
  const byId: ReviewDecisions = new Map();
  for (const { line, value: d } of parseJsonLinesStrict(text, ReviewDecision, file)) {
    if (d.action === 'approve' && !d.licence) throw new CliError(`${file}:${line}: an approval needs a licence (cc0-1.0 or pdm-1.0)`);
    const list = byId.get(d.id);
    if (list) list.push(d);
    else byId.set(d.id, [d]);
  }
  return byId;
}

export async function loadReviewDecisions(releaseDir: string, file: string): Promise<ReviewDecisions> {
  let path: string;
  try {
    path = insideRelease(releaseDir, file, 'reviews');
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let text: string;
  try {
    text = await readRegularText(path);
  } catch (err) {
    if (err instanceof UnreadableFile) throw new CliError(`the release's reviews file ${file}: ${err.message}`);
    throw new CliError(`cannot read the release's reviews file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseReviewDecisions(text, file);
}

/** The decision that applies to this evidence: the latest for the hash (a rejection wins a tie), else undefined. */
export function decisionFor(list: readonly ReviewDecision[], hash: string): ReviewDecision | undefined {
  let best: ReviewDecision | undefined;
  for (const d of list) {
    if (d.evidenceHash !== hash) continue;
    if (!best || d.at > best.at || (d.at === best.at && d.action === 'reject')) best = d;
  }
  return best;
}

/** The latest decision of the list (for messages about decisions on older evidence). */
export function latest(list: readonly ReviewDecision[]): ReviewDecision | undefined {
  return list.reduce<ReviewDecision | undefined>((a, d) => (!a || d.at >= a.at ? d : a), undefined);
}
