// Browser tests of /search/ (one index, and an index in parts merged by the page): Pagefind finds items by a title
// word, filters narrow, safety applies, withdrawn hits never show, nothing runs.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemPath } from '../../site/src/lib/slug.js';
import { HIGH_NSFW_TITLE, UNIQUE_WORD, XSS_TITLE } from '../support/fixture-catalog.js';
import type { FixtureSite } from './build-fixture.js';
import type { StubServer } from './stub-server.js';
import { closeSite, openSite, type SiteUnderTest } from './site-under-test.js';
import type { TestBrowser } from '../support/browser.js';

let site: FixtureSite;
let server: StubServer;
let browser: TestBrowser;
const dialogs: string[] = [];

async function openSearch(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(`${server.origin}/search/`);
  await page.waitForSelector('[data-testid=safety-threshold]:enabled');
  return page;
}
const results = (page: Page) => page.locator('[data-testid=search-result]:visible');

describe.each([
  { name: 'one index', args: [] as string[] },
  { name: 'an index in parts of 7 records', args: ['--part-size', '7'] },
])('search over $name', ({ args }) => {
  let under: SiteUnderTest | undefined;
  beforeAll(async () => {
    under = await openSite(undefined, undefined, args);
    ({ site, server, browser } = under);
  });
  afterAll(() => closeSite(under));

  it('is built as asked', () => {
    expect(site.stdout).toMatch(args.length ? /indexed in 5 parts/ : /indexed in 1 part /);
  });

  it('finds an item by a word of its title, with a thumbnail and a link to its page', async () => {
    const page = await openSearch();
    await page.locator('[data-testid=search-input]').fill(UNIQUE_WORD.toLowerCase());
    await expect.poll(() => results(page).count()).toBe(1);
    const hit = results(page).first();
    expect(await hit.textContent()).toContain(UNIQUE_WORD);
    expect(await hit.locator('img').getAttribute('src')).toMatch(/^\/files\/thumb\//);
    await hit.locator('a').click();
    await page.waitForURL(/\/item\//);
    expect(await page.locator('h1').textContent()).toContain(UNIQUE_WORD);
  });

  it('indexes record content only, not page chrome', async () => {
    const page = await openSearch();
    await page.locator('[data-testid=search-input]').fill('moderator');
    await expect.poll(() => page.locator('[data-testid=search-summary]').textContent()).toMatch(/^0 results/);
  });

  it('narrows results with a filter', async () => {
    const page = await openSearch();
    await page.locator('[data-testid=search-input]').fill('study');
    const studies = site.records.filter((r) => /study/.test(r.title) && (r.safety.nsfw ?? 0) <= 0.2);
    await expect.poll(() => results(page).count()).toBe(studies.length);
    await page.locator('[data-testid=search-filter-source]').selectOption('archive');
    const archive = studies.filter((r) => r.source === 'archive').length;
    await expect.poll(() => results(page).count()).toBe(archive);
    expect(archive).toBeLessThan(studies.length);
    await page.locator('[data-testid=search-filter-licence]').selectOption('optin');
    await expect.poll(() => results(page).count()).toBe(studies.filter((r) => r.source === 'archive' && r.licence.id === 'optin').length);
  });

  it('hides a high-nsfw hit under the default threshold and shows it when raised', async () => {
    const page = await openSearch();
    await page.locator('[data-testid=search-input]').fill('bathers');
    await expect.poll(() => page.locator('[data-testid=search-result]').count()).toBe(1);
    expect(await results(page).count()).toBe(0);
    await page.locator('[data-testid=safety-threshold]').fill('1');
    await expect.poll(() => results(page).count()).toBe(1);
    expect(await results(page).first().textContent()).toContain(HIGH_NSFW_TITLE);
  });

  it('drops a hit whose item was withdrawn after the index was built (the Worker says so), and shows none when it cannot ask', async () => {
    const studies = site.records.filter((r) => /study/.test(r.title) && (r.safety.nsfw ?? 0) <= 0.2);
    const gone = studies[1]!;
    server.withdrawn.add(itemPath(gone.id));
    try {
      const page = await openSearch();
      await page.locator('[data-testid=search-input]').fill('study');
      await expect.poll(() => results(page).count()).toBe(studies.length - 1);
      expect(await page.locator(`[data-testid=search-result] a[href="${itemPath(gone.id)}"]`).count()).toBe(0);
      const all = site.records.filter((r) => /study/.test(r.title)).length; // the summary counts hits hidden by safety too
      expect(await page.locator('[data-testid=search-summary]').textContent()).toBe(`${all - 1} results.`);
      server.withdrawnStatus = 503;
      await page.locator('[data-testid=search-input]').fill('studies');
      await page.locator('[data-testid=search-input]').fill('study');
      await expect.poll(() => page.locator('[data-testid=search-summary]').textContent()).toMatch(/could not be loaded and checked against recent withdrawals/);
      expect(await page.locator('[data-testid=search-result]').count()).toBe(0);
    } finally {
      server.withdrawn.clear();
      delete server.withdrawnStatus;
    }
  });

  it('shows a script-tag title as text without running it', async () => {
    const page = await openSearch();
    await page.locator('[data-testid=search-input]').fill('alert');
    await expect.poll(() => results(page).count()).toBeGreaterThan(0);
    expect(await results(page).first().textContent()).toContain(XSS_TITLE);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
  });
});
