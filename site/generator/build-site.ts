// Builds the static gallery from a pipeline output dir: Astro builds the static parts and page shells while the
// catalogue is read once (validated, indexed by Pagefind in parts); then every item and list page fills a shell.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { facetsOf } from '../src/lib/facets.js';
import { readCatalog } from '../src/lib/read-catalog.js';
import { SignalsCursor } from './read-signals.js';
import { compareItems, toCard, type Card } from '../src/lib/records.js';
import { searchRecord } from '../src/lib/search-record.js';
import { itemPath, itemSlug } from '../src/lib/slug.js';
import { itemDescription, itemMain, itemTitle } from '../src/render/item-page.js';
import { listPages } from '../src/render/list-pages.js';
import { searchMain } from '../src/render/search-page.js';
import { parseShell, SHELL_PATHS, type Shell, type ShellKind } from '../src/render/shell.js';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import { astroBuild } from './astro-build.js';
import { AstroCache, astroCacheKey } from './astro-cache.js';
import { copyThumbs } from './copy-thumbs.js';
import { writeAssetsIgnore, type PagesMode } from './assets-ignore.js';
import { writeHeadersFile } from './headers-file.js';
import { DEFAULT_PART_SIZE, indexInParts, partUrl } from './index-parts.js';
import { addHtml, closePagefind, openIndex, writeIndex } from './pagefind-index.js';
import { processAlive } from '../../pipeline/util/process-alive.js';
import { removeInBackground, replaceDir } from './replace-dir.js';
import { PageWriter } from './write-pages.js';

const repoRoot = resolve(import.meta.dirname, '../..');

export interface SiteOptions {
  /** Pipeline output dir holding catalog.jsonl and files/. */
  outDir: string;
  /** Where the site goes (default site/dist). */
  distDir?: string;
  /** Base URL of the edge API (`/v1/...`); default same origin. */
  apiBase?: string;
  /** Records per Pagefind index part (default 20,000). */
  partSize?: number;
  /** Pagefind indexing processes at once (default 2). */
  jobs?: number;
  /** Reuse the Astro build of the static parts while its inputs are unchanged (default true). */
  astroCache?: boolean;
  /** Index catalogue records (default: in parts, while pages are made) or the built item pages' HTML (one index). */
  indexFrom?: 'records' | 'html';
  /** Item pages as static assets, in R2, or (`auto`, the default) in R2 only when the site exceeds `maxAssets` files. */
  pages?: PagesMode;
  /** Static assets one deployment may hold (default 100,000). */
  maxAssets?: number;
  verbose?: boolean;
}

export interface SiteStats {
  distDir: string;
  records: number;
  pages: number;
  indexed: number;
  indexParts: number;
  thumbs: number;
  /** Where the item pages are served from, and how many files wrangler uploads as static assets. */
  pagesIn: 'assets' | 'r2';
  assets: number;
  /** The Astro part came from the cache. */
  astroCached: boolean;
  /** Times since the start, except `finish` (thumbnails placed and dist replaced). */
  ms: { read: number; astro: number; pages: number; index: number; finish: number; total: number };
}

export async function buildSite(opts: SiteOptions): Promise<SiteStats> {
  const outDir = resolve(opts.outDir);
  const distDir = resolve(opts.distDir ?? join(repoRoot, 'site', 'dist'));
  const catalog = join(outDir, 'catalog.jsonl');
  if (!existsSync(catalog)) throw new Error(`no catalog.jsonl in ${outDir} (run \`clearance build\` first)`);
  const apiBase = (opts.apiBase ?? '').replace(/\/+$/, '');
  // Progress goes to stderr with --verbose or on a terminal.
  const log = opts.verbose || process.stderr.isTTY ? (line: string) => console.error(`site: ${line}`) : undefined;
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  // The site is assembled beside the dist (one file system: the swap is a rename); Astro builds inside the repo (its
  // chunks need node_modules) and its output reaches the site through its cache.
  await mkdir(dirname(distDir), { recursive: true });
  await sweepStaging(distDir);
  const staging = await mkdtemp(join(dirname(distDir), `.${basename(distDir)}.building-${process.pid}-`));
  const site = join(staging, 'site');
  const astroOut = join(repoRoot, 'node_modules', '.cache', `clearance-astro-out-${basename(staging)}`);
  const parts = indexInParts(staging, { partSize: opts.partSize ?? DEFAULT_PART_SIZE, jobs: opts.jobs ?? 2, ...(log ? { log } : {}) });
  const astroEnv: Record<string, string> = apiBase ? { CLEARANCE_API_BASE: apiBase } : {};
  const cache = new AstroCache(join(repoRoot, 'node_modules', '.cache', 'clearance-site-astro'));
  const key = await astroCacheKey(repoRoot, astroEnv);
  const astroCached = opts.astroCache !== false && (await cache.restore(key, site));
  let tAstro = since();
  const stop = new AbortController();
  const astro = astroCached
    ? Promise.resolve()
    : astroBuild({ outDir: astroOut, cacheDir: `${astroOut}-vite`, env: astroEnv, verbose: opts.verbose ?? false, signal: stop.signal }).then(async () => {
        await cache.store(key, astroOut);
        if (!(await cache.restore(key, site))) throw new Error('the Astro build just stored is not in its cache');
        tAstro = since();
        log?.(`astro built at ${(tAstro / 1000).toFixed(1)} s`);
      });
  astro.catch(() => undefined); // awaited below; a failure meanwhile must not go unhandled
  try {
    const fromHtml = opts.indexFrom === 'html';
    const pages = new PageWriter(site);
    const writeItem = async (shells: Shells, record: CatalogRecord, signals: SignalsCursor) =>
      pages.write(itemPath(record.id), shells.item({ title: itemTitle(record), description: itemDescription(record), main: itemMain(record, apiBase, await signals.for(record.id)) }));
    // 1. Read and validate every record once: cards for the list pages, search records into the index parts, and the
    //    item page when the shells are already there (Astro's part came from the cache).
    let shells = astroCached ? await loadShells(site) : undefined;
    const signals = new SignalsCursor(outDir);
    const cards: Card[] = [];
    const slugs = new Map<string, string>();
    for await (const record of readCatalog(catalog)) {
      const slug = itemSlug(record.id);
      const clash = slugs.get(slug);
      if (clash !== undefined) throw new Error(`ids ${JSON.stringify(clash)} and ${JSON.stringify(record.id)} map to one page (${slug})`);
      slugs.set(slug, record.id);
      cards.push(toCard(record));
      if (!fromHtml) parts.add(searchRecord(record));
      if (shells) await writeItem(shells, record, signals);
      if (cards.length % 20_000 === 0) log?.(`read ${cards.length} records at ${(since() / 1000).toFixed(1)} s`);
    }
    slugs.clear();
    cards.sort(compareItems);
    const facets = facetsOf(cards);
    const tRead = since();
    log?.(`read ${cards.length} records at ${(tRead / 1000).toFixed(1)} s`);

    // 2. Once Astro is done: item pages (if not made above, a second read), list pages and the search page.
    await astro;
    if (!shells) {
      shells = await loadShells(site);
      const again = new SignalsCursor(outDir);
      let n = 0;
      for await (const record of readCatalog(catalog)) {
        await writeItem(shells, record, again);
        n++;
      }
      if (n !== cards.length) throw new Error(`${catalog} changed while the site was built (${cards.length} then ${n} records)`);
    }
    for (const page of listPages(cards, facets)) pages.write(page.path, shells.list(page));
    const partUrls = fromHtml ? [] : Array.from({ length: Math.max(1, parts.parts) }, (_, k) => partUrl(k)).slice(1);
    pages.write('/search/', shells.search({ title: 'Search', main: searchMain(facets, partUrls) }));
    await rm(join(site, 'shell'), { recursive: true, force: true });
    const tPages = since();
    log?.(`${pages.count} pages at ${(tPages / 1000).toFixed(1)} s`);

    // 3. The index: parts built meanwhile (moved under /pagefind/), or one index over the item pages' HTML.
    let indexed: number;
    let indexParts: number;
    if (fromHtml) {
      const index = await openIndex();
      indexed = await addHtml(index, site);
      await writeIndex(index, join(site, 'pagefind'));
      indexParts = 1;
    } else {
      const done = await parts.finish();
      indexed = done.indexed;
      indexParts = done.bundles.length;
      for (const [k, bundle] of done.bundles.entries()) await rename(bundle, join(site, partUrl(k)));
    }
    const tIndex = since();
    const thumbs = await copyThumbs(outDir, site);
    await writeHeadersFile(site, apiBase);
    const { pagesIn, assets } = await writeAssetsIgnore(site, opts.pages ?? 'auto', opts.maxAssets);
    await replaceDir(site, distDir);
    const total = since();
    return {
      distDir,
      records: cards.length,
      pages: pages.count,
      indexed,
      indexParts,
      thumbs,
      pagesIn,
      assets,
      astroCached,
      ms: { read: tRead, astro: tAstro, pages: tPages, index: tIndex, finish: total - tIndex, total },
    };
  } catch (err) {
    parts.abort();
    stop.abort();
    await astro.catch(() => undefined);
    throw err;
  } finally {
    await closePagefind();
    await Promise.all([staging, astroOut, `${astroOut}-vite`].map((d) => rm(d, { recursive: true, force: true })));
  }
}

/** Removes (in the background) the staging dirs of builds that were killed: their process is gone. */
async function sweepStaging(distDir: string): Promise<void> {
  const prefix = `.${basename(distDir)}.building-`;
  for (const name of await readdir(dirname(distDir))) {
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (name.startsWith(prefix) && pid > 0 && !processAlive(pid)) removeInBackground(join(dirname(distDir), name));
  }
}

type Shells = Record<ShellKind, Shell>;

async function loadShells(site: string): Promise<Shells> {
  const load = async (kind: ShellKind) => parseShell(await readFile(join(site, SHELL_PATHS[kind]), 'utf8'), kind);
  return { item: await load('item'), list: await load('list'), search: await load('search') };
}
