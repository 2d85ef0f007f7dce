// Bundles the gallery's stylesheet and client scripts (site/src/styles, site/src/scripts) into hashed files under /_assets/.
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import type { PageAssets } from '../src/layouts/page.js';

const SRC = join(import.meta.dirname, '..', 'src');
export const ASSETS_DIR = '_assets';

/** The bundle entry of each page script (site/src/scripts/*-entry.ts); modules they share are split into chunks. */
const ENTRIES: Record<Exclude<keyof PageAssets, 'css'>, string> = {
  safety: 'safety-control-entry.ts',
  item: 'item-page-entry.ts',
  search: 'search-page-entry.ts',
};

/** Writes the bundles into `<site>/_assets/` and returns their URLs. Every script is a file, never inline: the gallery's
 *  CSP allows scripts from the site itself only (site/src/lib/gallery-headers.ts). */
export async function buildClientAssets(site: string): Promise<PageAssets> {
  const result = await build({
    entryPoints: [{ in: join(SRC, 'styles', 'site.css'), out: 'site' }, ...Object.entries(ENTRIES).map(([name, file]) => ({ in: join(SRC, 'scripts', file), out: name }))],
    outdir: join(site, ASSETS_DIR),
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    entryNames: '[name].[hash]',
    chunkNames: '[name].[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  const urls: Partial<Record<keyof PageAssets, string>> = {};
  const byEntry = new Map<string, keyof PageAssets>([['site.css', 'css'], ...Object.entries(ENTRIES).map(([name, file]) => [file, name as keyof PageAssets] as const)]);
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    const name = out.entryPoint && byEntry.get(basename(out.entryPoint));
    if (name) urls[name] = `/${ASSETS_DIR}/${basename(file)}`;
  }
  const { css, safety, item, search } = urls;
  if (!css || !safety || !item || !search) throw new Error(`client bundles incomplete: ${JSON.stringify(urls)}`);
  return { css, safety, item, search };
}
