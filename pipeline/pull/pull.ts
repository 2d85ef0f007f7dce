// `clearance pull` at work: decided reviews and people's withdrawals from D1 into the release's files, merged with
// what is there (nothing dropped), written atomically; the opt-in platform's holders and works (optin-files.ts);
// release.json names the files when it did not.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReviewDecision, Withdrawal } from '../catalog/index.js';
import { loadRelease } from '../runner/release-load.js';
import { insideRelease } from '../optout/release-signals.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CliError } from '../util/cli-error.js';
import type { D1Reader } from './d1-reader.js';
import { decidedReviews, peopleWithdrawals } from './export.js';
import { mergeLines } from './merge-lines.js';
import { signedUpHolders, submittedWorks } from './optin-export.js';
import { holderWithdrawals, writeOptin, type OptinResult } from './optin-files.js';

const DEFAULT_REVIEWS = 'moderation/reviews.jsonl';
const DEFAULT_WITHDRAWALS = 'moderation/withdrawals.jsonl';

export interface FileResult {
  /** Path relative to the release directory, as release.json names it. */
  file: string;
  exported: number;
  total: number;
  added: number;
}

export interface PullResult {
  where: string;
  reviews: FileResult;
  withdrawals: FileResult;
  /** release.json keys this pull added. */
  named: string[];
  /** The opt-in platform: holders, works, originals downloaded. */
  optin: OptinResult;
  notes: string[];
}

function inside(releaseDir: string, file: string, what: string): string {
  try {
    return insideRelease(releaseDir, file, what);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

export async function pullRelease(releaseDir: string, reader: D1Reader): Promise<PullResult> {
  const release = await loadRelease(releaseDir);
  const notes: string[] = [];
  // Read everything first: a failed read writes nothing.
  const reviews = await decidedReviews(reader, notes);
  const people = await peopleWithdrawals(reader, notes);
  const holders = await signedUpHolders(reader, notes);
  const works = await submittedWorks(reader, notes);
  const withdrawals = [...people, ...holderWithdrawals(works)];
  const reviewsFile = release.reviews ?? DEFAULT_REVIEWS;
  const withdrawalsFile = release.withdrawals ?? DEFAULT_WITHDRAWALS;
  const r = await mergeLines(inside(releaseDir, reviewsFile, 'reviews'), reviewsFile, ReviewDecision, reviews);
  const w = await mergeLines(inside(releaseDir, withdrawalsFile, 'withdrawals'), withdrawalsFile, Withdrawal, withdrawals);
  // Files before release.json: release.json never names a file that is not there.
  if (r.changed) await writeFileAtomic(join(releaseDir, reviewsFile), r.text);
  if (w.changed) await writeFileAtomic(join(releaseDir, withdrawalsFile), w.text);
  const optin = await writeOptin(releaseDir, release, reader, holders, works);
  const named: string[] = [];
  if (!release.reviews) named.push('reviews');
  if (!release.withdrawals) named.push('withdrawals');
  if (named.length) {
    const path = join(releaseDir, 'release.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    if (!json.reviews) json.reviews = reviewsFile;
    if (!json.withdrawals) json.withdrawals = withdrawalsFile;
    await writeFileAtomic(path, `${JSON.stringify(json, null, 2)}\n`);
  }
  return {
    where: reader.where,
    reviews: { file: reviewsFile, exported: reviews.length, total: r.total, added: r.added },
    withdrawals: { file: withdrawalsFile, exported: withdrawals.length, total: w.total, added: w.added },
    named,
    optin,
    notes,
  };
}

export function formatPull(p: PullResult, releaseDir: string): string {
  const line = (label: string, f: FileResult, what: string) =>
    `  ${label} ${f.exported} ${what} in D1, ${f.added} new → ${join(releaseDir, f.file)} (${f.total} line${f.total === 1 ? '' : 's'})`;
  return [
    `clearance pull: from ${p.where}`,
    line('reviews    ', p.reviews, 'decided'),
    line('withdrawals', p.withdrawals, 'by people'),
    ...(p.optin.holders || p.optin.works ? [`  opt-in      ${p.optin.holders} rights holder${p.optin.holders === 1 ? '' : 's'}, ${p.optin.works} submitted work${p.optin.works === 1 ? '' : 's'} (${p.optin.downloaded} original${p.optin.downloaded === 1 ? '' : 's'} downloaded) → ${join(releaseDir, 'optin')}`] : []),
    ...p.optin.named.map((n) => `  release.json now names ${n}`),
    ...(p.named.length ? [`  release.json now names ${p.named.map((k) => `${k} (${k === 'reviews' ? p.reviews.file : p.withdrawals.file})`).join(' and ')}`] : []),
    ...p.notes.map((n) => `  note: ${n}`),
  ].join('\n');
}
