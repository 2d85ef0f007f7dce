// Builds the Pagefind index through its Node API, from catalogue records (default) or from the built HTML; any error fails.
import { rm } from 'node:fs/promises';
import * as pagefind from 'pagefind';
import { readCatalog } from '../../site/src/lib/read-catalog.js';
import { searchRecord } from '../../site/src/lib/search-record.js';

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

function check(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`pagefind ${step} failed: ${errors.join('; ')}`);
}

/** Above this many records Pagefind bundles result fragments into shared files, bounding the index's file count. */
export const MAX_FRAGMENT_FILES = 10_000;

export async function openIndex(): Promise<Index> {
  const created = await pagefind.createIndex({ forceLanguage: 'en', maxFragments: MAX_FRAGMENT_FILES });
  check('createIndex', created.errors);
  if (!created.index) throw new Error('pagefind createIndex returned no index');
  return created.index;
}

/** Adds every record's content (title, creator, date, tags, description), filters and meta; returns the count. */
export async function addRecords(index: Index, catalogFile: string, batch = 256): Promise<number> {
  let pending: Promise<void>[] = [];
  let count = 0;
  for await (const record of readCatalog(catalogFile)) {
    pending.push(index.addCustomRecord(searchRecord(record)).then((r) => check(`addCustomRecord ${record.id}`, r.errors)));
    count++;
    if (pending.length >= batch) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  return count;
}

/** Adds the built item pages (their data-pagefind-body, -filter and -meta markup); returns the count. */
export async function addHtml(index: Index, distDir: string): Promise<number> {
  const added = await index.addDirectory({ path: distDir, glob: 'item/**/*.html' });
  check('addDirectory', added.errors);
  return added.page_count;
}

/** Writes the index bundle to `outputPath` (which it replaces). */
export async function writeIndex(index: Index, outputPath: string): Promise<string> {
  await rm(outputPath, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath });
  check('writeFiles', written.errors);
  return written.outputPath;
}

export const closePagefind = (): Promise<null> => pagefind.close();
