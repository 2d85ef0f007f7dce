// Opted-out pictures across releases: the build's opted-out.jsonl, and the --previous output's opted-out and withdrawn or listed pictures fed to the dedup judge.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Release } from '../catalog/index.js';
import { OptedOutLine } from '../catalog/index.js';
import { identityFrom } from '../image/identity-format.js';
import { FINGERPRINT_PATTERN } from '../catalog/index.js';
import { registryMatchSha256 } from '../optout/registry-snapshot.js';
import { releaseSignals } from '../optout/release-signals.js';
import { withdrawnById, withdrawnBySha256 } from '../optout/withdrawals.js';
import { parseJsonLinesStrict } from '../util/jsonl-strict.js';
import type { DedupJudge, OptedOut } from './dedup-judge.js';

export const OPTED_OUT_FILE = 'opted-out.jsonl';

export function optedOutLines(list: readonly OptedOut[]): string {
  return list.map((o) => `${JSON.stringify({ id: o.id, code: o.reason.code, detail: o.reason.detail, fingerprint: o.fingerprint } satisfies OptedOutLine)}\n`).join('');
}

/** An earlier build's output (`--previous`): its directory and its catalogue records by id. */
export interface PreviousOutput {
  dir: string;
  catalog: Map<string, Record<string, unknown>>;
}

/**
 * Indexes, before this release's items, the pictures of the previous output that are opted out now: every line of
 * its opted-out.jsonl (absent in outputs made before it existed), then every catalogued picture that this release's
 * withdrawals (by id or sha256) or registry (by sha256) name. Their copies are refused like copies of this release's
 * opted-out items (an item is never refused as a copy of its own previous entry).
 */
export async function seedPrevious(judge: DedupJudge, previous: PreviousOutput, at: { releaseDir: string; release: Release }): Promise<void> {
  let text: string | undefined;
  try {
    text = await readFile(join(previous.dir, OPTED_OUT_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const { value } of parseJsonLinesStrict(text ?? '', OptedOutLine, `--previous ${OPTED_OUT_FILE}`))
    judge.optedOut(value.id, undefined, identityFrom(value.fingerprint, ''), { code: value.code, detail: value.detail }, true);
  const signals = await releaseSignals(at.releaseDir, at.release);
  for (const [id, record] of previous.catalog) {
    const sha256 = typeof record.sha256 === 'string' ? record.sha256 : undefined;
    const fingerprint = typeof record.fingerprint === 'string' && FINGERPRINT_PATTERN.test(record.fingerprint) ? record.fingerprint : undefined;
    const withdrawn = withdrawnById(signals.withdrawals, id) ?? withdrawnBySha256(signals.withdrawals, sha256);
    const listed = sha256 ? registryMatchSha256(signals.registry, sha256) : undefined;
    const reason = withdrawn ? { code: 'optout.withdrawn' as const, detail: withdrawn } : listed ? { code: 'optout.registry' as const, detail: listed } : undefined;
    if (reason) judge.optedOut(id, sha256, fingerprint ? identityFrom(fingerprint, '') : undefined, reason, true);
  }
}
