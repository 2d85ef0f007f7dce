// .assetsignore of a built site: thumbnails never assets; item pages assets unless asked or the site is too big.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagesInR2, writeAssetsIgnore } from '../../../site/generator/assets-ignore.js';

let site: string;
beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'assets-ignore-'));
  const files = ['index.html', '404.html', 'search/index.html', 'pagefind/pagefind.js', 'item/a/1/index.html', 'item/a/2/index.html', 'item/b/3/index.html', 'files/thumb/aa/x.webp', 'files/thumb/bb/y.webp'];
  for (const f of files) {
    await mkdir(join(site, f, '..'), { recursive: true });
    await writeFile(join(site, f), f);
  }
});
afterAll(() => rm(site, { recursive: true, force: true }));

describe('writeAssetsIgnore', () => {
  it('leaves thumbnails out always and keeps item pages as assets while the site fits', async () => {
    expect(await writeAssetsIgnore(site, 'auto', 7)).toEqual({ pagesIn: 'assets', assets: 7 });
    const text = await readFile(join(site, '.assetsignore'), 'utf8');
    expect(text.split('\n')).toContain('/files/');
    expect(text.split('\n')).not.toContain('/item/');
    expect(await pagesInR2(site)).toBe(false);
  });

  it('moves item pages to R2 when the site would exceed the limit (auto) or when asked', async () => {
    expect(await writeAssetsIgnore(site, 'auto', 6)).toEqual({ pagesIn: 'r2', assets: 4 });
    expect(await pagesInR2(site)).toBe(true);
    expect(await writeAssetsIgnore(site, 'assets', 1)).toEqual({ pagesIn: 'assets', assets: 7 });
    expect(await pagesInR2(site)).toBe(false);
    expect(await writeAssetsIgnore(site, 'r2')).toEqual({ pagesIn: 'r2', assets: 4 });
    expect((await readFile(join(site, '.assetsignore'), 'utf8')).split('\n')).toContain('/item/');
  });

  it('reads a site without .assetsignore as pages-in-assets', async () => {
    expect(await pagesInR2(join(site, 'search'))).toBe(false);
  });
});
