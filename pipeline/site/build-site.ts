// Builds the static gallery from a pipeline output dir: Astro (sharded when large) while Pagefind indexes, then thumbnails.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { copyThumbs } from './copy-thumbs.js';
import { mergeShards } from './merge.js';
import { addHtml, addRecords, closePagefind, openIndex, writeIndex } from './pagefind-index.js';
import { DEFAULT_SHARD_SIZE, planShards, runShards } from './shards.js';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface SiteOptions {
  /** Pipeline output dir holding catalog.jsonl and files/. */
  outDir: string;
  /** Where the site goes (default site/dist). */
  distDir?: string;
  /** Base URL of the edge API (`/v1/...`); default same origin. */
  apiBase?: string;
  /** Item pages per Astro build (default 20,000). */
  shardSize?: number;
  /** Astro builds run at once (default 1). */
  jobs?: number;
  /** Index catalogue records (default, fast, concurrent with Astro) or the built item pages' HTML. */
  indexFrom?: 'records' | 'html';
  verbose?: boolean;
}

export interface SiteStats {
  distDir: string;
  records: number;
  shards: number;
  pages: number;
  indexed: number;
  thumbs: number;
  indexBytes: number;
  ms: { astro: number; pagefind: number; thumbs: number; total: number };
}

export async function buildSite(opts: SiteOptions): Promise<SiteStats> {
  const outDir = resolve(opts.outDir);
  const distDir = resolve(opts.distDir ?? join(repoRoot, 'site', 'dist'));
  const catalog = join(outDir, 'catalog.jsonl');
  if (!existsSync(catalog)) throw new Error(`no catalog.jsonl in ${outDir} (run \`clearance build\` first)`);
  const t0 = performance.now();
  await mkdir(join(repoRoot, 'node_modules', '.cache'), { recursive: true });
  const staging = await mkdtemp(join(repoRoot, 'node_modules', '.cache', 'clearance-site-'));
  const runs = planShards(await countLines(catalog), opts.shardSize ?? DEFAULT_SHARD_SIZE, staging);
  const env: Record<string, string> = { CLEARANCE_OUT: outDir, ...(opts.apiBase !== undefined ? { CLEARANCE_API_BASE: opts.apiBase } : {}) };
  const index = await openIndex();
  try {
    let tAstro = 0;
    const astro = runShards(runs, staging, { env, jobs: opts.jobs ?? 1, verbose: opts.verbose ?? false }).then(() => (tAstro = performance.now()));
    let indexed = 0;
    let output = join(staging, 'pagefind');
    if (opts.indexFrom === 'html') {
      await astro;
      await mergeShards(runs, distDir);
      indexed = await addHtml(index, distDir);
      output = await writeIndex(index, join(distDir, 'pagefind'));
    } else {
      // Records are indexed and written while Astro builds; the index moves into dist after the merge.
      const fromRecords = addRecords(index, catalog).then(async (n) => {
        indexed = n;
        await writeIndex(index, output);
      });
      // Wait for both even when one fails, so no Astro process still writes into the staging dir being removed.
      const settled = await Promise.allSettled([fromRecords, astro]);
      for (const r of settled) if (r.status === 'rejected') throw r.reason;
      await mergeShards(runs, distDir);
      await rm(join(distDir, 'pagefind'), { recursive: true, force: true });
      await rename(output, join(distDir, 'pagefind'));
      output = join(distDir, 'pagefind');
    }
    const tIndex = performance.now();
    const thumbs = await copyThumbs(outDir, distDir);
    const t3 = performance.now();
    return {
      distDir,
      records: await countLines(catalog),
      shards: runs.length,
      pages: await countPages(distDir),
      indexed,
      thumbs,
      indexBytes: await dirBytes(output),
      ms: { astro: tAstro - t0, pagefind: tIndex - t0, thumbs: t3 - tIndex, total: t3 - t0 },
    };
  } finally {
    await closePagefind();
    await rm(staging, { recursive: true, force: true });
  }
}

async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}

async function countPages(dir: string): Promise<number> {
  const files = await readdir(dir, { recursive: true });
  return files.filter((f) => f.endsWith('.html') && !f.startsWith('pagefind')).length;
}

export async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const f of await readdir(dir, { recursive: true })) {
    const s = await stat(join(dir, f));
    if (s.isFile()) total += s.size;
  }
  return total;
}
