// Writes the opt-in platform into a release: the signed-up holders (`optin/rights-holders.jsonl`), the submitted works
// (`optin/submissions.jsonl`, the `optin` source) and their originals from R2 (`optin/images/`, checked by SHA-256).
// D1 is the source of truth: both files are rewritten from it (only when their text changes, so an unchanged pull
// leaves the build up to date); release.json is made to name them, after the maintainers' own rights-holders file.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OptinSubmission, Release, RightsHolder, Withdrawal } from '../catalog/index.js';
import { insideRelease } from '../optout/release-signals.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CliError } from '../util/cli-error.js';
import type { D1Reader } from './d1-reader.js';
import type { SubmissionRow } from './optin-export.js';

export const OPTIN_SOURCE = 'optin';
const HOLDERS_FILE = 'optin/rights-holders.jsonl';
const SUBMISSIONS_FILE = 'optin/submissions.jsonl';
const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', tiff: 'tif' };

export interface OptinResult {
  holders: number;
  works: number;
  /** Originals downloaded by this pull (the others were already in the release). */
  downloaded: number;
  /** release.json settings this pull added. */
  named: string[];
}

const jsonl = (lines: readonly unknown[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

async function writeIfChanged(path: string, text: string): Promise<boolean> {
  if (existsSync(path) && (await readFile(path, 'utf8')) === text) return false;
  await writeFileAtomic(path, text);
  return true;
}

/** Withdrawal lines for works their holder withdrew: the next build rejects them `optout.withdrawn`, published or not. */
export const holderWithdrawals = (works: readonly SubmissionRow[]): Withdrawal[] =>
  works.filter((w) => w.withdrawn).map((w) => ({ id: w.itemId, sha256: w.sha256, reason: 'withdrawn by its rights holder', at: w.updatedAt }));

/** The release's files for the opt-in platform (nothing is written when D1 holds no holder and no work). */
export async function writeOptin(releaseDir: string, release: Release, reader: D1Reader, holders: RightsHolder[], works: SubmissionRow[]): Promise<OptinResult> {
  const result: OptinResult = { holders: holders.length, works: works.length, downloaded: 0, named: [] };
  if (!holders.length && !works.length) return result;
  const clash = release.sources.find((s) => s.name === OPTIN_SOURCE && s.adapter !== 'optin');
  if (clash) throw new CliError(`release.json has a source named "${OPTIN_SOURCE}" with adapter "${clash.adapter}": the opt-in works need that name (their ids are ${OPTIN_SOURCE}:<submission>); rename it`);
  const lines: OptinSubmission[] = [];
  for (const w of works) {
    if (w.itemId !== `${OPTIN_SOURCE}:${w.id}`) throw new CliError(`D1 submission ${w.id} has item id ${w.itemId}, not ${OPTIN_SOURCE}:${w.id}: fix the row; nothing was written`);
    const image = `optin/images/${w.sha256}.${EXT[w.format] ?? 'bin'}`;
    const path = insideRelease(releaseDir, image, 'opt-in original');
    // A withdrawn work is rejected before its image is read: never download it.
    if (!w.withdrawn && !existsSync(path)) {
      const bytes = await reader.readObject(w.incomingKey);
      if (!bytes) throw new CliError(`the original of submission ${w.id} is missing from R2 (${w.incomingKey}): nothing was written for it`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      if (sha !== w.sha256) throw new CliError(`the original of submission ${w.id} in R2 has SHA-256 ${sha}, not ${w.sha256} as submitted: not used`);
      await writeFileAtomic(path, Buffer.from(bytes));
      result.downloaded++;
    }
    lines.push({ id: w.id, holder: w.holder, title: w.title, creator: w.creator, priceMicros: w.priceMicros, terms: { generativeTraining: w.generativeTraining }, image, sha256: w.sha256, submittedAt: w.submittedAt });
  }
  // Originals and holders before the submissions, and all of them before release.json names them.
  await writeIfChanged(insideRelease(releaseDir, HOLDERS_FILE, 'rightsHolders'), jsonl(holders));
  await writeIfChanged(insideRelease(releaseDir, SUBMISSIONS_FILE, 'opt-in submissions'), jsonl(lines));
  const json = JSON.parse(await readFile(join(releaseDir, 'release.json'), 'utf8')) as Record<string, unknown> & { sources: unknown[] };
  const files = [(json.rightsHolders as string | string[] | undefined) ?? []].flat();
  if (!files.includes(HOLDERS_FILE)) {
    json.rightsHolders = [...files, HOLDERS_FILE];
    result.named.push(`rightsHolders (${HOLDERS_FILE}, after the maintainers' file)`);
  }
  if (!release.sources.some((s) => s.name === OPTIN_SOURCE)) {
    json.sources = [...json.sources, { name: OPTIN_SOURCE, adapter: 'optin', path: SUBMISSIONS_FILE, assertedBy: 'creator' }];
    result.named.push(`the source ${OPTIN_SOURCE} (${SUBMISSIONS_FILE})`);
  }
  if (result.named.length) await writeFileAtomic(join(releaseDir, 'release.json'), `${JSON.stringify(json, null, 2)}\n`);
  return result;
}
