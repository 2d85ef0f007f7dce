// Publishes a pipeline output to a target: migrations → uploads → item upserts → withdrawals → opt-in decisions → review queue → [site pages] → publish-report.json.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogRecord } from '../catalog/record.js';
import type { Decision } from '../catalog/decision.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { sha256Hex } from '../util/hash.js';
import { readOutDir } from './out-dir.js';
import { planPublish, type Conflict, type ServedFile } from './plan.js';
import { syncPages, type PagesResult } from './site-pages.js';
import { syncReviews, type ReviewCounts } from './reviews.js';
import { optinDecisionStatements } from './optin-decisions.js';
import { reinstateItem, upsertItem, withdrawItem } from './sql.js';
import type { PublishTarget, Step } from './target.js';
import { objectKeys, uploadFiles } from './upload.js';

export interface PublishSummary {
  release: string;
  target: string;
  at: string;
  migrationsApplied: string[];
  objects: { uploaded: number; skipped: number; bytes: number };
  items: { inserted: number; updated: number; reinstated: number; unchanged: number; withdrawn: number; total: number };
  /** Items the release lists that a moderator withdrew at the edge: left withdrawn, listed for review. */
  conflicts: Conflict[];
  /** The moderators' review queue (absent when the output has no reviews.jsonl: built before review records existed). */
  reviews?: ReviewCounts;
  /** With `--site`: the item pages synced to R2 (none when the site's pages are static assets). */
  pages?: PagesResult;
}

export interface PublishOptions {
  /** A built site (`clearance site`) whose item pages go to R2 when it leaves them out of its static assets. */
  siteDir?: string;
}

export async function publish(outDir: string, target: PublishTarget, log: (line: string) => void = () => {}, opts: PublishOptions = {}): Promise<PublishSummary> {
  const out = await readOutDir(outDir);
  const now = new Date().toISOString();
  const migrationsApplied = await target.migrate();
  if (migrationsApplied.length) log(`applied migrations: ${migrationsApplied.join(', ')}`);

  const existing = new Map((await target.readItems()).map((r) => [r.id, r]));
  // Files before rows: a live row must never point at an object that is not there yet.
  // Review thumbnails go under their private prefix (review-thumb/), never served by /files/thumb/*.
  const reviewThumbs = (out.reviews ?? []).flatMap((r) => (r.files ? [r.files.reviewThumb] : []));
  const objects = await uploadFiles(target, out.filesDir, [...new Set([...objectKeys(out.records), ...reviewThumbs])]);
  const plan = planPublish(out.records, out.decisions, existing, now, await servedFiles(out.filesDir, out.records));
  const reinstated = new Set(plan.reinstated);
  const upserts: Step[] = [...plan.inserts, ...plan.updates].map((row) =>
    reinstated.has(row.id) ? reinstateItem(row, out.release, reinstatedDetail(out.release, out.decisions.get(row.id)), now) : upsertItem(row),
  );
  await target.execute(upserts);
  await target.execute(plan.withdrawals.map((w) => withdrawItem(w, out.release, now)));
  // The holders' dashboard shows what this release decided about each submitted work (rejections included).
  const optin = optinDecisionStatements(out.decisions, out.release);
  if (optin.length) await target.execute(optin);
  let reviews: ReviewCounts | undefined;
  if (out.reviews) reviews = await syncReviews(target, out.reviews, out.release, now);
  else log(`${outDir} has no reviews.jsonl (built before review records existed): the review queue is left as it is`);
  // Pages after rows: a withdrawn item's page goes once its row is withdrawn; a new page's item is already live.
  const pages = opts.siteDir === undefined ? undefined : await syncPages(target, opts.siteDir);

  const summary: PublishSummary = {
    release: out.release,
    target: target.where,
    at: now,
    migrationsApplied,
    objects,
    items: {
      inserted: plan.inserts.length,
      updated: plan.updates.length - plan.reinstated.length,
      reinstated: plan.reinstated.length,
      unchanged: plan.unchanged,
      withdrawn: plan.withdrawals.length,
      total: out.records.length,
    },
    conflicts: plan.conflicts,
    ...(reviews ? { reviews } : {}),
    ...(pages ? { pages } : {}),
  };
  await writeFileAtomic(join(outDir, 'publish-report.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

function reinstatedDetail(release: string, decision: Decision | undefined): string {
  const main = decision?.reasons[0];
  return `accepted again by release ${release}${main ? `: ${main.code} (${main.detail})` : ''}`;
}

/** SHA-256 and size of every stored original, by key (what a download serves): the key names the hash
 *  (`original/<sha[0..2]>/<sha256>.<ext>`); a key that does not is hashed. */
async function servedFiles(filesDir: string, records: CatalogRecord[]): Promise<Map<string, ServedFile>> {
  const served = new Map<string, ServedFile>();
  for (const r of records) {
    const key = r.files.original;
    if (served.has(key)) continue;
    const path = join(filesDir, key);
    const named = /^[^/]+\/([0-9a-f]{2})\/(\1[0-9a-f]{62})\.[a-z0-9]+$/.exec(key)?.[2];
    served.set(key, { sha256: named ?? sha256Hex(await readFile(path)), bytes: (await stat(path)).size });
  }
  return served;
}

export function formatSummary(s: PublishSummary): string {
  const lines = [
    `published release ${s.release} to ${s.target}`,
    `  objects   ${s.objects.uploaded} uploaded (${(s.objects.bytes / 1e6).toFixed(1)} MB), ${s.objects.skipped} already there`,
    `  items     ${s.items.inserted} new, ${s.items.updated} updated, ${s.items.reinstated} reinstated, ${s.items.unchanged} unchanged, ${s.items.withdrawn} withdrawn`,
  ];
  if (s.reviews) lines.push(`  reviews   ${s.reviews.opened} opened, ${s.reviews.unchanged} unchanged, ${s.reviews.superseded} superseded (moderators' queue of held items)`);
  if (s.pages) {
    lines.push(
      s.pages.mode === 'r2'
        ? `  pages     ${s.pages.uploaded} uploaded to R2, ${s.pages.unchanged} unchanged, ${s.pages.deleted} deleted`
        : `  pages     item pages are static assets, none in R2${s.pages.deleted ? ` (${s.pages.deleted} deleted from R2)` : ''}`,
    );
  }
  if (s.conflicts.length) {
    lines.push(`  conflicts ${s.conflicts.length} item(s) in this release were withdrawn by a moderator and stay withdrawn:`);
    for (const c of s.conflicts) lines.push(`    ${c.id}  ${c.withdrawnReason ?? ''}`.trimEnd());
  }
  return lines.join('\n');
}
