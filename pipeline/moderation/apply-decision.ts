// Applies a moderator's decision to a held work item: approve (licence + moderator evidence) or reject.
import { statusOf, type Evidence, type ReviewDecision } from '../catalog/index.js';
import { CC0_URL, PDM_URL } from '../rights/finding.js';
import { normaliseLicence } from '../rights/normalise.js';
import type { WorkItem } from '../work/stage.js';
import { reviewCodesOf } from './evidence-hash.js';

const URLS = { 'cc0-1.0': CC0_URL, 'pdm-1.0': PDM_URL } as const;

const label = (statement: string): string => {
  const n = normaliseLicence(statement);
  return n.licenceId ?? n.code.replace(/^licence\./, '');
};

/** The licence statements as evidence, when the rights stage gave the item no licence (e.g. a bare "pd"). */
function statedEvidence(work: WorkItem): Evidence[] {
  const { item, source } = work;
  const assertedBy = item.assertedBy ?? source.assertedBy ?? 'institution';
  const out: Evidence[] = [];
  const stated = item.licence?.trim();
  const sourceStated = source.licence?.trim();
  if (stated) out.push({ kind: 'source-record', statement: stated, normalised: label(stated), assertedBy });
  if (sourceStated) out.push({ kind: 'source-default', statement: sourceStated, normalised: label(sourceStated), assertedBy: source.assertedBy ?? assertedBy });
  return out;
}

const who = (d: ReviewDecision): string => `moderator ${d.by} on ${d.at}`;

export function approve(work: WorkItem, d: ReviewDecision & { licence: 'cc0-1.0' | 'pdm-1.0' }): void {
  const held = reviewCodesOf(work.reasons);
  const kept = work.rights?.licence.evidence ?? statedEvidence(work);
  const moderator: Evidence = { kind: 'moderator', statement: d.note, normalised: d.licence, by: d.by, at: d.at };
  const { item, source } = work;
  work.rights = {
    licence: { id: d.licence, url: URLS[d.licence], evidence: [...kept, moderator] },
    priceMicros: 0,
    ...(item.rightsHolder ? { rightsHolder: item.rightsHolder } : {}),
    assertedBy: work.rights?.assertedBy ?? item.assertedBy ?? source.assertedBy ?? 'institution',
  };
  // The review reasons are replaced by the approval, which becomes the main reason; hints stay.
  work.reasons = [
    { code: 'licence.moderator-approved', detail: `approved as ${d.licence} by ${who(d)}: ${d.note} (was held: ${held.join(', ')})` },
    ...work.reasons.filter((r) => statusOf(r.code) !== 'review'),
  ];
}

export function reject(work: WorkItem, d: ReviewDecision): void {
  work.reasons.push({ code: 'licence.moderator-rejected', detail: `rejected by ${who(d)}: ${d.note}` });
}

/** A decision made on other evidence: the item stays held, and its main review reason says why. */
export function markStale(work: WorkItem, d: ReviewDecision, hash: string): void {
  const main = work.reasons.find((r) => statusOf(r.code) === 'review');
  if (!main) return;
  main.detail += ` — a moderator's decision (${d.action} by ${who(d)}) was made on other evidence (hash ${d.evidenceHash.slice(0, 12)}…, now ${hash.slice(0, 12)}…): the record changed since, so it is held for a new review`;
}
