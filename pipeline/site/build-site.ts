// Builds the static gallery from a pipeline output dir: Astro build, thumbnails into dist, then the Pagefind index.
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { copyThumbs } from './copy-thumbs.js';
import { indexSite } from './pagefind-index.js';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface SiteOptions {
  /** Pipeline output dir holding catalog.jsonl and files/. */
  outDir: string;
  /** Where the site goes (default site/dist). */
  distDir?: string;
  /** Base URL of the edge API (`/v1/...`); default same origin. */
  apiBase?: string;
  /** Print Astro's info log. */
  verbose?: boolean;
}

export interface SiteStats {
  distDir: string;
  pages: number;
  indexed: number;
  thumbs: number;
  indexBytes: number;
  ms: { astro: number; thumbs: number; pagefind: number; total: number };
}

export async function buildSite(opts: SiteOptions): Promise<SiteStats> {
  const outDir = resolve(opts.outDir);
  const distDir = resolve(opts.distDir ?? join(repoRoot, 'site', 'dist'));
  if (!existsSync(join(outDir, 'catalog.jsonl'))) throw new Error(`no catalog.jsonl in ${outDir} (run \`clearance build\` first)`);
  const t0 = performance.now();
  process.env.CLEARANCE_OUT = outDir;
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  if (opts.apiBase !== undefined) process.env.CLEARANCE_API_BASE = opts.apiBase;
  // Astro runs its prerender chunks from outDir (they need node_modules) and mishandles an outDir outside the cwd:
  // build into a staging dir inside the repo, from the repo, then move the result to distDir.
  await mkdir(join(repoRoot, 'node_modules', '.cache'), { recursive: true });
  const staging = await mkdtemp(join(repoRoot, 'node_modules', '.cache', 'clearance-site-'));
  const cacheDir = join(staging, 'cache');
  const outStage = join(staging, 'dist');
  const cwd = process.cwd();
  process.chdir(repoRoot);
  let failed = true;
  try {
    const { build } = await import('astro');
    await build(
      { root: join(repoRoot, 'site'), configFile: '../astro.config.mjs', outDir: outStage, cacheDir, logLevel: opts.verbose ? 'info' : 'warn' },
      { teardownCompiler: true },
    );
    await rm(distDir, { recursive: true, force: true });
    await mkdir(dirname(distDir), { recursive: true });
    await rename(outStage, distDir).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EXDEV') throw err;
      await cp(outStage, distDir, { recursive: true });
    });
    failed = false;
  } finally {
    process.chdir(cwd);
    // After a failed load Astro still flushes its content store on a timer: let it land before removing the dir.
    if (failed) await new Promise((resolve) => setTimeout(resolve, 1000));
    await rm(staging, { recursive: true, force: true });
  }
  const t1 = performance.now();
  const thumbs = await copyThumbs(outDir, distDir);
  const t2 = performance.now();
  const index = await indexSite(distDir);
  const t3 = performance.now();
  return {
    distDir,
    pages: await countPages(distDir),
    indexed: index.pages,
    thumbs,
    indexBytes: await dirBytes(index.outputPath),
    ms: { astro: t1 - t0, thumbs: t2 - t1, pagefind: t3 - t2, total: t3 - t0 },
  };
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
