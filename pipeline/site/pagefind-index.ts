// Builds the Pagefind index of a built site through Pagefind's Node API; any reported error fails the build.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export interface IndexStats {
  pages: number;
  outputPath: string;
}

function check(step: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`pagefind ${step} failed: ${errors.join('; ')}`);
}

/** Indexes every HTML page of `distDir` (only `data-pagefind-body` content) into `<distDir>/pagefind`. */
export async function indexSite(distDir: string): Promise<IndexStats> {
  const outputPath = join(distDir, 'pagefind');
  await rm(outputPath, { recursive: true, force: true });
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    check('createIndex', created.errors);
    const index = created.index;
    if (!index) throw new Error('pagefind createIndex returned no index');
    // Only item pages carry catalogue content; gallery, search and about pages are chrome.
    const added = await index.addDirectory({ path: distDir, glob: 'item/**/*.html' });
    check('addDirectory', added.errors);
    if (added.page_count === 0) throw new Error(`pagefind found no pages to index in ${distDir}`);
    const written = await index.writeFiles({ outputPath });
    check('writeFiles', written.errors);
    return { pages: added.page_count, outputPath: written.outputPath };
  } finally {
    await pagefind.close();
  }
}
