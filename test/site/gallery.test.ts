// Browser tests of the gallery: cards, facets, safety threshold (with and without JS), escaping, page weight.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemPath } from '../../site/src/lib/slug.js';
import { FACES_TITLE, HIGH_NSFW_TITLE, XSS_TITLE } from '../support/fixture-catalog.js';
import type { FixtureSite } from './build-fixture.js';
import type { StubServer } from './stub-server.js';
import { closeSite, openSite, type SiteUnderTest } from './site-under-test.js';
import type { TestBrowser } from '../support/browser.js';

const PAGE_SIZE = 12;
let site: FixtureSite;
let server: StubServer;
let browser: TestBrowser;
const dialogs: string[] = [];

async function open(path: string, js = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.origin + path);
  if (js) await page.waitForSelector('[data-testid=safety-threshold]:enabled');
  return page;
}

const card = (page: Page, title: string) => page.locator('[data-testid=gallery-item]', { hasText: title });

/** Opens the gallery page that holds the card with this title (following the pager). */
async function openWith(title: string, js = true): Promise<Page> {
  const page = await open('/', js);
  while ((await card(page, title).count()) === 0) {
    const next = page.locator('a[rel=next]');
    if ((await next.count()) === 0) throw new Error(`no gallery page holds ${title}`);
    await page.goto(server.origin + (await next.getAttribute('href'))!);
    if (js) await page.waitForSelector('[data-testid=safety-threshold]:enabled');
  }
  return page;
}

let under: SiteUnderTest | undefined;
beforeAll(async () => {
  under = await openSite(30, { CLEARANCE_PAGE_SIZE: String(PAGE_SIZE) });
  ({ site, server, browser } = under);
});
afterAll(() => closeSite(under));

describe('gallery', () => {
  it('renders every item across its pages, newest release first, hiding only those above the default threshold', async () => {
    const page = await open('/');
    const seen: { href: string; visible: boolean }[] = [];
    for (let n = 1; ; n++) {
      const cards = page.locator('[data-testid=gallery-item]');
      expect(await cards.count()).toBeLessThanOrEqual(PAGE_SIZE);
      for (const c of await cards.all()) seen.push({ href: (await c.locator('a').getAttribute('href'))!, visible: await c.isVisible() });
      const next = page.locator('a[rel=next]');
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForURL(new RegExp(`/page/${n + 1}/$`));
      expect(await page.locator('[aria-current=page]').textContent()).toBe(String(n + 1));
    }
    expect(seen.map((c) => c.href).sort()).toEqual(site.records.map((r) => itemPath(r.id)).sort());
    const hidden = site.records.filter((r) => r.safety.nsfw !== null && r.safety.nsfw > 0.2).map((r) => itemPath(r.id));
    expect(seen.filter((c) => !c.visible).map((c) => c.href)).toEqual(hidden);
    const releases = seen.map((c) => site.records.find((r) => itemPath(r.id) === c.href)!.provenance.release);
    expect(releases).toEqual([...releases].sort().reverse());
  });

  it('links each card, with sized thumbnails, alt text and safety scores, to its item page', async () => {
    const page = await open('/');
    const first = page.locator('[data-testid=gallery-item]').first();
    expect(await first.getAttribute('data-nsfw')).not.toBeNull();
    expect(await first.getAttribute('data-faces')).not.toBeNull();
    const img = first.locator('img');
    expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
    expect(await img.getAttribute('style')).toMatch(/^background-image:url\(data:image\//);
    const alt = await img.getAttribute('alt');
    expect(alt).toBeTruthy();
    await first.locator('a').click();
    await page.waitForURL(/\/item\//);
    expect(await page.locator('h1').textContent()).toBe(alt);
  });

  it('hides a high-nsfw item by default and shows it when the threshold is raised, then hides it again', async () => {
    const page = await openWith(HIGH_NSFW_TITLE);
    await expect.poll(() => card(page, HIGH_NSFW_TITLE).isVisible()).toBe(false);
    await page.locator('[data-testid=safety-threshold]').fill('1');
    await expect.poll(() => card(page, HIGH_NSFW_TITLE).isVisible()).toBe(true);
    await page.reload();
    await page.waitForSelector('[data-testid=safety-threshold]:enabled');
    await expect.poll(() => card(page, HIGH_NSFW_TITLE).isVisible(), { message: 'the setting persists' }).toBe(true);
    await page.locator('[data-testid=safety-threshold]').fill('0.5');
    await expect.poll(() => card(page, HIGH_NSFW_TITLE).isVisible()).toBe(false);
  });

  it('optionally hides images with people', async () => {
    const page = await openWith(FACES_TITLE);
    await expect.poll(() => card(page, FACES_TITLE).isVisible()).toBe(true);
    await page.locator('[data-testid=safety-hide-faces]').check();
    await expect.poll(() => card(page, FACES_TITLE).isVisible()).toBe(false);
  });

  it('shows only items under the default threshold without JavaScript', async () => {
    const page = await openWith(HIGH_NSFW_TITLE, false);
    expect(await card(page, HIGH_NSFW_TITLE).isVisible()).toBe(false);
    const visible = page.locator('[data-testid=gallery-item]:visible');
    expect(await visible.count()).toBeGreaterThan(0);
    for (const nsfw of await visible.evaluateAll((els) => els.map((e) => e.getAttribute('data-nsfw')))) expect(Number(nsfw)).toBeLessThanOrEqual(0.2);
  });

  it('narrows the gallery with facets (source, licence, people)', async () => {
    const page = await open('/');
    const all = await page.locator('[data-testid=gallery-item]').count();
    await page.locator('[data-testid=facet-source]', { hasText: 'museum' }).click();
    await page.waitForURL(/\/source\/museum\/$/);
    const museum = site.records.filter((r) => r.source === 'museum').length;
    expect(await page.locator('[data-testid=gallery-item]').count()).toBe(museum);
    expect(museum).toBeLessThan(all);
    await page.goto(`${server.origin}/licence/optin/`);
    expect(await page.locator('[data-testid=gallery-item]').count()).toBe(site.records.filter((r) => r.licence.id === 'optin').length);
    await page.goto(`${server.origin}/people/`);
    const people = page.locator('[data-testid=gallery-item]');
    expect(await people.count()).toBe(site.records.filter((r) => (r.safety.faces ?? 0) >= 1).length);
    expect(await people.first().textContent()).toContain(FACES_TITLE);
  });

  it('escapes a title that is a script tag: it shows as text and nothing runs', async () => {
    const page = await openWith(XSS_TITLE);
    await expect.poll(() => card(page, XSS_TITLE).isVisible()).toBe(true);
    await card(page, XSS_TITLE).locator('a').click();
    await page.waitForURL(/\/item\//);
    expect(await page.locator('h1').textContent()).toBe(XSS_TITLE);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
  });

});
