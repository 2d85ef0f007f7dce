// The client bundles: one hashed file per page script and the stylesheet, shared code in a chunk, nothing inline.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSETS_DIR, buildClientAssets } from '../../../site/generator/client-assets.js';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

describe('buildClientAssets', () => {
  it('writes the stylesheet and each page script under /_assets/ by content hash, the code they share once', async () => {
    const site = await mkdtemp(join(tmpdir(), 'clearance-assets-'));
    roots.push(site);
    const urls = await buildClientAssets(site);
    expect(urls.css).toMatch(/^\/_assets\/site\.[A-Z0-9]{8}\.css$/);
    for (const url of [urls.safety, urls.item, urls.search]) {
      expect(url).toMatch(/^\/_assets\/\w+\.[A-Z0-9]{8}\.js$/);
      expect(existsSync(join(site, url))).toBe(true);
    }
    // search and the safety control both use scripts/safety.ts: it is one chunk both import, not two copies
    const [safety, search] = await Promise.all([readFile(join(site, urls.safety), 'utf8'), readFile(join(site, urls.search), 'utf8')]);
    const chunk = /from"\.\/(chunk\.[A-Z0-9]{8}\.js)"/.exec(safety)?.[1];
    expect(chunk).toBeDefined();
    expect(search).toContain(`./${chunk}`);
    expect(await readFile(join(site, ASSETS_DIR, chunk!), 'utf8')).toContain('clearance.safety');
    // the Pagefind bundle stays a run-time import of the site's own /pagefind/
    expect(search).toContain('/pagefind/');
    expect(await readFile(join(site, urls.css), 'utf8')).toContain('.safety');
    // the same sources give the same names (a rebuilt site keeps its cached assets)
    const again = await mkdtemp(join(tmpdir(), 'clearance-assets-'));
    roots.push(again);
    expect(await buildClientAssets(again)).toEqual(urls);
    expect((await readdir(join(again, ASSETS_DIR))).sort()).toEqual((await readdir(join(site, ASSETS_DIR))).sort());
  });
});
