// A full first gallery page (48 cards) stays within 100 KB of HTML, CSS and JS, and is usable from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StubServer } from './stub-server.js';
import { closeSite, openSite, type SiteUnderTest } from './site-under-test.js';
import type { TestBrowser } from '../support/browser.js';

let server: StubServer;
let browser: TestBrowser;

let under: SiteUnderTest | undefined;
beforeAll(async () => {
  under = await openSite(60);
  ({ server, browser } = under);
});
afterAll(() => closeSite(under));

describe('gallery first page', () => {
  it('weighs at most 100 KB of HTML, CSS and JS with a full page of cards (thumbnails excluded)', async () => {
    const page = await browser.newPage();
    const sizes: Record<string, number> = {};
    page.on('response', async (res) => {
      const type = res.request().resourceType();
      if (type === 'document' || type === 'stylesheet' || type === 'script') sizes[res.url()] = (await res.body()).length;
    });
    await page.goto(server.origin + '/', { waitUntil: 'networkidle' });
    expect(await page.locator('[data-testid=gallery-item]').count()).toBe(48);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    console.log(`first gallery page: ${total} bytes of HTML+CSS+JS`, sizes);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThanOrEqual(100 * 1024);
  });

  it('can be used from the keyboard: skip link, the safety control, then cards', async () => {
    const page = await browser.newPage();
    await page.goto(server.origin + '/');
    await page.waitForSelector('[data-testid=safety-threshold]:enabled');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const focused: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? ''));
    }
    expect(focused).toContain('safety-threshold');
    await page.keyboard.press('Tab');
    while ((await page.evaluate(() => document.activeElement?.closest('[data-testid=gallery-item]') === null)) && focused.length < 60) {
      focused.push('');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/item\//);
    for (const img of await page.locator('img').all()) expect(await img.getAttribute('alt')).toBeTruthy();
  });
});
