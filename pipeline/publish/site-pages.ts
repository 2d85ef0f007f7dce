// Syncs a built site's item pages to R2 (site/item/…) when the site leaves them out of its static assets.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { pagesInR2 } from '../../site/generator/assets-ignore.js';
import { CliError } from '../util/cli-error.js';
import { limiter } from '../util/limiter.js';
import { progressBar } from './progress.js';
import type { PublishTarget } from './target.js';

/** What is in R2 under site/item/: page key → SHA-256 of its bytes, as the last sync left it. */
export const PAGES_MANIFEST = 'site/item-pages.json';
const Manifest = z.object({ pages: z.record(z.string(), z.string()) });

export interface PagesResult {
  /** `r2` when the site's item pages are served from R2, `assets` when they are static assets (R2 then holds none). */
  mode: 'assets' | 'r2';
  uploaded: number;
  unchanged: number;
  deleted: number;
}

/**
 * Makes R2's site/item/ match the site: uploads new and changed pages, deletes pages no longer in it (a withdrawn or
 * dropped item's page disappears with the release that drops it). A site whose pages are static assets leaves none
 * in R2. The manifest is written last, so an interrupted sync is finished by the next run.
 */
export async function syncPages(target: PublishTarget, distDir: string, concurrency = 8): Promise<PagesResult> {
  const mode = (await pagesInR2(distDir)) ? 'r2' : 'assets';
  const wanted = mode === 'r2' ? await sitePages(distDir) : new Map<string, { path: string; sha: string }>();
  const text = await target.readText(PAGES_MANIFEST);
  const parsed = text === null ? { success: true as const, data: { pages: {} } } : Manifest.safeParse(safeJson(text));
  if (!parsed.success) throw new CliError(`${PAGES_MANIFEST} in the bucket is not a page manifest; remove it to re-upload every page`);
  const had = parsed.data.pages;
  const uploads = [...wanted].filter(([key, p]) => had[key] !== p.sha);
  const deletes = Object.keys(had).filter((key) => !wanted.has(key));
  const bar = progressBar('pages', uploads.length + deletes.length);
  const jobs = [
    ...uploads.map(([key, p]) => () => target.putObject(key, p.path, 'text/html; charset=utf-8')),
    ...deletes.map((key) => () => target.deleteObject(key)),
  ];
  const limit = limiter(concurrency);
  await Promise.all(jobs.map((job) => limit(job).then(() => bar.tick())));
  bar.done();
  if (uploads.length || deletes.length || (text === null && wanted.size)) {
    const dir = await mkdtemp(join(tmpdir(), 'clearance-pages-'));
    try {
      const file = join(dir, 'item-pages.json');
      await writeFile(file, JSON.stringify({ pages: Object.fromEntries([...wanted].map(([k, p]) => [k, p.sha])) }));
      await target.putObject(PAGES_MANIFEST, file, 'application/json');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return { mode, uploaded: uploads.length, unchanged: wanted.size - uploads.length, deleted: deletes.length };
}

/** Every item page of a built site: R2 key → file and SHA-256. */
async function sitePages(distDir: string): Promise<Map<string, { path: string; sha: string }>> {
  const root = join(distDir, 'item');
  const pages = new Map<string, { path: string; sha: string }>();
  let entries: string[];
  try {
    entries = await readdir(root, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return pages;
    throw err;
  }
  for (const rel of entries.sort()) {
    if (!rel.endsWith('index.html')) continue;
    const path = join(root, rel);
    pages.set(`site/item/${rel.split('\\').join('/')}`, { path, sha: createHash('sha256').update(await readFile(path)).digest('hex') });
  }
  return pages;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
