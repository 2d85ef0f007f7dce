// One Pagefind index over the built item pages' HTML (`--index-from html`) through its Node API; any error fails.
import { rm } from 'node:fs/promises';
import * as pagefind from 'pagefind';
import { MAX_FRAGMENT_FILES } from './index-parts.js';

type Index = NonNullable<Awaited<ReturnType<typeof pagefind.createIndex>>['index']>;

function check(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`pagefind ${step} failed: ${errors.join('; ')}`);
}

export async function openIndex(): Promise<Index> {
  const created = await pagefind.createIndex({ forceLanguage: 'en', maxFragments: MAX_FRAGMENT_FILES });
  check('createIndex', created.errors);
  if (!created.index) throw new Error('pagefind createIndex returned no index');
  return created.index;
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
