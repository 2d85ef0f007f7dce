// Sample cases for moderators' decisions (the release's reviews file): approvals, a rejection, a decision on an older
// record, and an approval that a withdrawal overrides.
import type { CaseModule, SampleCase, SampleModeration } from './case.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
/** A seed range of its own so these pictures never duplicate other modules'. */
const SEED = 11_000_000;
const SAMPLE_MODERATOR = 'acct_sample_moderator';
const REVIEWS_FILE = 'moderation/reviews.jsonl';

const decided = (m: Omit<SampleModeration, 'by' | 'at'>, day: number): SampleModeration => ({ ...m, by: SAMPLE_MODERATOR, at: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z` });

type Row = [id: string, expect: SampleCase['expect'], item: Partial<SampleCase['item']>, moderator: SampleModeration];

const ROWS: Row[] = [
  ['moderation-approved-pd', 'licence.moderator-approved', { licence: 'pd', creator: 'Unknown photographer' },
    decided({ held: ['licence.pd-unmarked'], action: 'approve', licence: 'pdm-1.0', note: 'Photograph published in 1911 without notice; the holding archive confirms no renewal.' }, 10)],
  ['moderation-approved-third-party', 'licence.moderator-approved', { licence: CC0, assertedBy: 'third-party' },
    decided({ held: ['licence.third-party-assertion'], action: 'approve', licence: 'cc0-1.0', note: "The creator's own page dedicates this photograph to CC0 (checked the linked profile)." }, 11)],
  ['moderation-rejected', 'licence.moderator-rejected', { licence: 'No known copyright restrictions' },
    decided({ held: ['licence.pd-unmarked'], action: 'reject', note: 'The lender still holds copyright in this print; the statement is the archive’s, not the holder’s.' }, 12)],
  ['moderation-decided-on-older-record', 'licence.pd-unmarked', { licence: 'United States Government Work' },
    decided({ held: ['licence.pd-unmarked'], action: 'approve', licence: 'pdm-1.0', note: 'Federal employee photograph, checked against the agency credit line.', stale: true }, 13)],
  ['moderation-approved-then-withdrawn', 'optout.withdrawn', { licence: 'pd' },
    decided({ held: ['licence.pd-unmarked'], action: 'approve', licence: 'pdm-1.0', note: 'Verified the archive’s public-domain determination.' }, 14)],
];

export const moderationCases: CaseModule = async () => {
  const cases: SampleCase[] = ROWS.map(([id, expect, item, moderator], i) => ({
    item: { title: id.replace(/-/g, ' '), sourceUrl: `https://example.org/moderation/${id}`, ...item, id },
    picture: { format: i % 2 ? 'png' : 'jpeg', width: 420, height: 300 + i * 10, seed: SEED + i },
    moderator,
    expect,
  }));
  return {
    cases,
    files: {
      // Concatenated with the opt-out cases' withdrawals: a withdrawal outranks a moderator's approval.
      'withdrawals.jsonl': `${JSON.stringify({ id: 'sample:moderation-approved-then-withdrawn', reason: 'moderator withdrew it after a flag', at: '2026-11-20T00:00:00Z' })}\n`,
    },
    release: { withdrawals: 'withdrawals.jsonl', reviews: REVIEWS_FILE },
  };
};
