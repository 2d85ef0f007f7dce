// The public pages the edge bench serves: a gallery list page of 48 real cards and an item page, written as the site does.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Card } from '../../site/src/lib/records.js';
import { galleryMain } from '../../site/src/render/gallery.js';
import { itemPath } from '../../site/src/lib/slug.js';
import { pageLayout } from '../../site/src/layouts/page.js';
import { raw } from '../../site/src/render/html.js';

/** A placeholder of the size the pipeline writes (a tiny WebP, base64). */
const PLACEHOLDER = `data:image/webp;base64,${'UklGRlYAAABXRUJQVlA4IEoAAADwAQCdASoQAAsAPzmGuVOvKSWisAgB4CcJZQAAW+q+9Bpxrk'.repeat(8)}`;

const card = (id: string, thumb: string): Card => ({
  id, title: `Bench image ${id}`, source: 'bench', width: 640, height: 480, placeholder: PLACEHOLDER,
  safety: { nsfw: 0.05, faces: 0, faceScore: null, textPii: false }, licence: { id: 'cc0-1.0' },
  provenance: { release: '2026-11', retrievedAt: '2026-11-01T00:00:00Z' }, files: { thumb },
});

/** The site's own layouts around a page's main content (asset URLs as the site would hash them). */
const ASSETS = { css: '/_assets/site.css', safety: '/_assets/safety.js', item: '/_assets/item.js', search: '/_assets/search.js' };
const listLayout = pageLayout('list', ASSETS);
const itemLayout = pageLayout('item', ASSETS);

/** Writes `/` and `/page/2/` (48 cards each of `ids`) and the item page of `itemId` into `dist`; returns the item's path. */
export async function writeBenchSite(dist: string, pages: string[][], itemId: string, thumb: string): Promise<string> {
  const facets = { sources: [{ value: 'bench', count: 96, href: '/source/bench/' }], licences: [{ value: 'cc0-1.0', count: 96, href: '/licence/cc0-1.0/' }], people: 0 };
  for (const [i, ids] of pages.entries()) {
    const main = galleryMain({ heading: 'Images cleared for AI training', items: ids.map((id) => card(id, thumb)), total: 96, current: i + 1, last: pages.length, href: (n) => (n > 1 ? `/page/${n}/` : '/'), facets });
    const dir = i === 0 ? dist : join(dist, 'page', String(i + 1));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), listLayout({ title: 'Gallery', main }));
  }
  return writeItemPage(dist, itemId);
}

/** An item page of about 12 KB (the size of the site's) at its path under `root`; returns the path. */
export async function writeItemPage(root: string, itemId: string): Promise<string> {
  const path = itemPath(itemId);
  const body = raw(`<article><h1>Bench item ${itemId}</h1>${'<p>Licence evidence, provenance and safety notes for the bench item.</p>'.repeat(150)}</article>`);
  await mkdir(join(root, path), { recursive: true });
  await writeFile(join(root, path, 'index.html'), itemLayout({ title: `Bench item ${itemId}`, main: body }));
  return path;
}
