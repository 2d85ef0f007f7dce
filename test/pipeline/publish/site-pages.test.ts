// publish --site against real Miniflare state: item pages synced to R2 (new, changed, gone) or kept out of it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGES_MANIFEST, syncPages } from '../../../pipeline/publish/site-pages.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { writeAssetsIgnore } from '../../../site/generator/assets-ignore.js';
import { withLocalTarget } from '../../support/local-target.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';

let tmp: string;
let dist: string;

const withTarget = <T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> => withLocalTarget(join(tmp, 'state'), fn);

async function page(slug: string, body: string): Promise<void> {
  await mkdir(join(dist, 'item', slug), { recursive: true });
  await writeFile(join(dist, 'item', slug, 'index.html'), body);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'publish-pages-'));
  dist = join(tmp, 'dist');
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html>');
  await page('m/1', '<p>one</p>');
  await page('m/2', '<p>two</p>');
  await page('m/3', '<p>three</p>');
});
shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await rm(tmp, { recursive: true, force: true });
});

describe('syncPages', () => {
  it('uploads every page of a site whose pages are not assets, then only what changed, and deletes what left', async () => {
    await writeAssetsIgnore(dist, 'r2');
    expect(await withTarget((t) => syncPages(t, dist))).toEqual({ mode: 'r2', uploaded: 3, unchanged: 0, deleted: 0 });
    await withTarget(async (t) => {
      expect(await t.readText('site/item/m/2/index.html')).toBe('<p>two</p>');
      expect(JSON.parse((await t.readText(PAGES_MANIFEST))!).pages).toHaveProperty(['site/item/m/3/index.html']);
    });
    expect(await withTarget((t) => syncPages(t, dist))).toEqual({ mode: 'r2', uploaded: 0, unchanged: 3, deleted: 0 });

    await page('m/2', '<p>two, changed</p>');
    await rm(join(dist, 'item', 'm', '3'), { recursive: true });
    expect(await withTarget((t) => syncPages(t, dist))).toEqual({ mode: 'r2', uploaded: 1, unchanged: 1, deleted: 1 });
    await withTarget(async (t) => {
      expect(await t.readText('site/item/m/2/index.html')).toBe('<p>two, changed</p>');
      expect(await t.readText('site/item/m/3/index.html')).toBeNull();
    });
  });

  it('removes every page from R2 once the site holds them as static assets again', async () => {
    await writeAssetsIgnore(dist, 'assets');
    expect(await withTarget((t) => syncPages(t, dist))).toEqual({ mode: 'assets', uploaded: 0, unchanged: 0, deleted: 2 });
    await withTarget(async (t) => {
      expect(await t.readText('site/item/m/1/index.html')).toBeNull();
      expect(JSON.parse((await t.readText(PAGES_MANIFEST))!)).toEqual({ pages: {} });
    });
  });

  it('refuses a bucket whose manifest is not one', async () => {
    await writeFile(join(tmp, 'bad.json'), '{"nope": 1}');
    await withTarget((t) => t.putObject(PAGES_MANIFEST, join(tmp, 'bad.json'), 'application/json'));
    await expect(withTarget((t) => syncPages(t, dist))).rejects.toThrow(/not a page manifest/);
  });
});
