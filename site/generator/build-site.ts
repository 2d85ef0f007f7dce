// Builds the static gallery from a pipeline output dir: bundles the client assets, reads the catalogue once (validated,
// indexed by Pagefind in parts, each item page written), then writes the list, search and static pages.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
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
import { pageLayout } from '../src/layouts/page.js';
import { STATIC_PAGES } from '../src/pages/static-pages.js';
import { buildClientAssets } from './client-assets.js';
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
  /** Times since the start, except `finish` (thumbnails placed and dist replaced). */
  ms: { assets: number; read: number; pages: number; index: number; finish: number; total: number };
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
  // The site is assembled beside the dist (one file system: the swap is a rename).
  await mkdir(dirname(distDir), { recursive: true });
  await sweepStaging(distDir);
  const staging = await mkdtemp(join(dirname(distDir), `.${basename(distDir)}.building-${process.pid}-`));
  const site = join(staging, 'site');
  const parts = indexInParts(staging, { partSize: opts.partSize ?? DEFAULT_PART_SIZE, jobs: opts.jobs ?? 2, ...(log ? { log } : {}) });
  try {
    const fromHtml = opts.indexFrom === 'html';
    const pages = new PageWriter(site);
    // 1. The stylesheet and client scripts; every page links them by their hashed URLs.
    const bundles = await buildClientAssets(site);
    const layout = { item: pageLayout('item', bundles), list: pageLayout('list', bundles), search: pageLayout('search', bundles), plain: pageLayout('plain', bundles) };
    const tAssets = since();
    // 2. Read and validate every record once: cards for the list pages, search records into the index parts, the item page.
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
      const main = itemMain(record, apiBase, await signals.for(record.id));
      pages.write(itemPath(record.id), layout.item({ title: itemTitle(record), description: itemDescription(record), main }));
      if (cards.length % 20_000 === 0) log?.(`read ${cards.length} records at ${(since() / 1000).toFixed(1)} s`);
    }
    slugs.clear();
    cards.sort(compareItems);
    const facets = facetsOf(cards);
    const tRead = since();
    log?.(`read ${cards.length} records at ${(tRead / 1000).toFixed(1)} s`);

    // 3. The list pages, the search page and the pages that do not depend on the catalogue.
    for (const page of listPages(cards, facets)) pages.write(page.path, layout.list(page));
    const partUrls = fromHtml ? [] : Array.from({ length: Math.max(1, parts.parts) }, (_, k) => partUrl(k)).slice(1);
    pages.write('/search/', layout.search({ title: 'Search', main: searchMain(facets, partUrls) }));
    for (const [file, page] of Object.entries(STATIC_PAGES)) {
      await mkdir(dirname(join(site, file)), { recursive: true });
      await writeFile(join(site, file), layout.plain(page));
    }
    const tPages = since();
    log?.(`${pages.count} pages at ${(tPages / 1000).toFixed(1)} s`);

    // 4. The index: parts built meanwhile (moved under /pagefind/), or one index over the item pages' HTML.
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
      ms: { assets: tAssets, read: tRead, pages: tPages, index: tIndex, finish: total - tIndex, total },
    };
  } catch (err) {
    parts.abort();
    throw err;
  } finally {
    await closePagefind();
    await rm(staging, { recursive: true, force: true });
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
