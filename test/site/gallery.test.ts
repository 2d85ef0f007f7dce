// Browser tests of the gallery: cards, facets, safety threshold (with and without JS), escaping, page weight.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemPath } from '../../site/src/lib/slug.js';
import { launchBrowser } from '../support/browser.js';
import { FACES_TITLE, HIGH_NSFW_TITLE, XSS_TITLE } from '../support/fixture-catalog.js';
import { buildFixtureSite, type FixtureSite } from './build-fixture.js';
import { startStubServer, type StubServer } from './stub-server.js';

let site: FixtureSite;
let server: StubServer;
let browser: Browser;
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

beforeAll(async () => {
  site = await buildFixtureSite();
  server = await startStubServer(site.distDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) await rm(dirname(site.distDir), { recursive: true, force: true });
});

describe('gallery', () => {
  it('renders every item under the default threshold, with links and safety scores', async () => {
    const page = await open('/');
    const visible = site.records.filter((r) => r.safety.nsfw === null || r.safety.nsfw <= 0.2);
    await expect.poll(() => page.locator('[data-testid=gallery-item]:visible').count()).toBe(visible.length);
    const first = page.locator('[data-testid=gallery-item]').first();
    expect(await first.getAttribute('data-nsfw')).not.toBeNull();
    expect(await first.getAttribute('data-faces')).not.toBeNull();
    const img = first.locator('img');
    expect(Number(await img.getAttribute('width'))).toBeGreaterThan(0);
    expect(Number(await img.getAttribute('height'))).toBeGreaterThan(0);
    const alt = await img.getAttribute('alt');
    expect(alt).toBeTruthy();
    await first.locator('a').click();
    await page.waitForURL(/\/item\//);
    expect(await page.locator('h1').textContent()).toBe(alt);
  });

  it('puts the newest release first', async () => {
    const page = await open('/');
    const hrefs = await page.locator('[data-testid=gallery-item] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const releases = hrefs.map((href) => site.records.find((r) => itemPath(r.id) === href)?.provenance.release);
    expect(releases).toHaveLength(site.records.length);
    expect(releases.every(Boolean)).toBe(true);
    expect([...releases]).toEqual([...releases].sort().reverse());
  });

  it('hides a high-nsfw item by default and shows it when the threshold is raised, then hides it again', async () => {
    const page = await open('/');
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
    const page = await open('/');
    await expect.poll(() => card(page, FACES_TITLE).isVisible()).toBe(true);
    await page.locator('[data-testid=safety-hide-faces]').check();
    await expect.poll(() => card(page, FACES_TITLE).isVisible()).toBe(false);
  });

  it('shows only items under the default threshold without JavaScript', async () => {
    const page = await open('/', false);
    expect(await card(page, HIGH_NSFW_TITLE).count()).toBe(1);
    expect(await card(page, HIGH_NSFW_TITLE).isVisible()).toBe(false);
    expect(await card(page, FACES_TITLE).isVisible()).toBe(true);
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

  it('paginates: more than one page when the catalogue exceeds a page', async () => {
    const page = await open('/');
    expect(await page.locator('[data-testid=gallery-item]').count()).toBeLessThanOrEqual(48);
    expect(await page.locator('nav[aria-label=Pages]').count()).toBe(site.records.length > 48 ? 1 : 0);
  });

  it('escapes a title that is a script tag: it shows as text and nothing runs', async () => {
    const page = await open('/');
    await expect.poll(() => card(page, XSS_TITLE).isVisible()).toBe(true);
    await card(page, XSS_TITLE).locator('a').click();
    await page.waitForURL(/\/item\//);
    expect(await page.locator('h1').textContent()).toBe(XSS_TITLE);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
  });

  it('keeps the first gallery page within 100 KB of HTML, CSS and JS', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (res) => {
      const type = res.request().resourceType();
      if (type === 'document' || type === 'stylesheet' || type === 'script') bytes += (await res.body()).length;
    });
    await page.goto(server.origin + '/', { waitUntil: 'networkidle' });
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThanOrEqual(100 * 1024);
  });
});
