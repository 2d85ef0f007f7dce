// What of the built site is not uploaded as the Worker's static assets (wrangler reads <dist>/.assetsignore).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One Worker version holds at most this many static assets (Workers Paid; Free: 20,000). */
const MAX_ASSETS = 100_000;

export type PagesMode = 'assets' | 'r2' | 'auto';

const IGNORE_FILE = '.assetsignore';
const META_FILES = new Set([IGNORE_FILE, '_headers', '_redirects']);

/**
 * Writes `.assetsignore` into a built site and says where its item pages are served from. Thumbnails are never
 * assets (the Worker serves /files/thumb/* from R2). Item pages are assets unless `mode` is `r2`, or `auto` and
 * the site would otherwise exceed `maxAssets` files; then `clearance publish --site` uploads them to R2.
 */
export async function writeAssetsIgnore(site: string, mode: PagesMode, maxAssets = MAX_ASSETS): Promise<{ pagesIn: 'assets' | 'r2'; assets: number }> {
  const all = (await readdir(site, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  const rel = (e: { parentPath: string; name: string }) => join(e.parentPath, e.name).slice(site.length + 1);
  // wrangler never uploads its own files (.assetsignore, _headers, _redirects) as assets
  const assets = all.map(rel).filter((p) => !p.startsWith(`files/`) && !META_FILES.has(p));
  const pages = assets.filter((p) => p.startsWith('item/')).length;
  const pagesIn = mode === 'r2' || (mode === 'auto' && assets.length > maxAssets) ? 'r2' : 'assets';
  const lines = [
    '# Written by `clearance site`: not uploaded as static assets by wrangler.',
    '# Thumbnails: the Worker serves /files/thumb/* from R2 (uploaded by `clearance publish`).',
    '/files/',
  ];
  if (pagesIn === 'r2') lines.push('# Item pages: uploaded to R2 by `clearance publish --site`, served by the Worker under /item/*.', '/item/');
  await writeFile(join(site, IGNORE_FILE), `${lines.join('\n')}\n`);
  return { pagesIn, assets: pagesIn === 'r2' ? assets.length - pages : assets.length };
}

/** True when a built site's item pages are meant to be served from R2 (its `.assetsignore` leaves them out). */
export async function pagesInR2(distDir: string): Promise<boolean> {
  try {
    return (await readFile(join(distDir, IGNORE_FILE), 'utf8')).split('\n').some((l) => l.trim() === '/item/');
  } catch {
    return false;
  }
}
