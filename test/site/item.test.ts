// Browser tests of item pages: licence evidence, provenance, safety blur and reveal, curl, the report form.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemPath } from '../../site/src/lib/slug.js';
import { HIGH_NSFW_TITLE, XSS_TITLE } from '../support/fixture-catalog.js';
import type { FixtureSite } from './build-fixture.js';
import type { StubServer } from './stub-server.js';
import { closeSite, openSite, type SiteUnderTest } from './site-under-test.js';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import type { TestBrowser } from '../support/browser.js';

let site: FixtureSite;
let server: StubServer;
let browser: TestBrowser;
const dialogs: string[] = [];

const byTitle = (title: string): CatalogRecord => site.records.find((r) => r.title === title)!;

async function open(record: CatalogRecord): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(server.origin + itemPath(record.id));
  await page.waitForSelector('[data-testid=safety-threshold]:enabled');
  return page;
}

let under: SiteUnderTest | undefined;
beforeAll(async () => {
  under = await openSite();
  ({ site, server, browser } = under);
});
afterAll(() => closeSite(under));

describe('item page', () => {
  it('has a page for every record, including ids with spaces and punctuation', async () => {
    for (const r of site.records) {
      const res = await fetch(server.origin + itemPath(r.id));
      expect(res.status, r.id).toBe(200);
    }
  });

  it('shows the licence evidence, provenance and safety in plain words', async () => {
    const record = site.records.find((r) => r.licence.id === 'optin')!;
    const page = await open(record);
    const evidence = page.locator('[data-testid=licence-evidence]');
    const e = record.licence.evidence[0]!;
    expect(await evidence.textContent()).toContain(e.statement);
    expect(await evidence.textContent()).toContain(e.normalised);
    expect(await evidence.textContent()).toContain(e.assertedBy!);
    const body = (await page.locator('main').textContent())!;
    expect(body).toContain(record.provenance.release);
    expect(body).toContain(record.provenance.retrievedAt);
    expect(await page.locator(`a[href="${record.sourceUrl}"]`).count()).toBe(1);
    expect(await page.locator('[data-testid=safety]').textContent()).toMatch(/nudity/);
  });

  it('gives a curl command with $CLEARANCE_KEY and the url-encoded id on this origin', async () => {
    const record = site.records.find((r) => r.id.includes(' '))!;
    const page = await open(record);
    const curl = (await page.locator('[data-testid=curl]').textContent())!;
    expect(curl).toContain('curl -H "Authorization: Bearer $CLEARANCE_KEY" -o ');
    expect(curl).toContain(`'${server.origin}/v1/items/${encodeURIComponent(record.id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}/download'`);
  });

  it('blurs a high-nsfw image with a reveal button, and not when the threshold allows it', async () => {
    const page = await open(byTitle(HIGH_NSFW_TITLE));
    const media = page.locator('figure[data-safety]');
    await expect.poll(() => media.getAttribute('class')).toContain('blurred');
    await page.getByRole('button', { name: /show image/i }).click();
    await expect.poll(() => media.getAttribute('class')).not.toContain('blurred');
    await page.reload();
    await page.waitForSelector('[data-testid=safety-threshold]:enabled');
    await expect.poll(() => media.getAttribute('class')).toContain('blurred');
    await page.locator('[data-testid=safety-threshold]').fill('1');
    await expect.poll(() => media.getAttribute('class')).not.toContain('blurred');
  });

  it('posts a report to /v1/flags and says what happens next', async () => {
    const record = byTitle(XSS_TITLE);
    const page = await open(record);
    await page.getByLabel(/privacy/i).check();
    await page.getByLabel(/anything we should know/i).fill('shows my neighbour');
    await page.locator('[data-testid=report-submit]').click();
    await expect.poll(() => page.locator('[data-testid=report-status]').textContent()).toMatch(/report flag-\d+ received/i);
    expect(server.flags).toContainEqual({ itemId: record.id, reason: 'privacy', note: 'shows my neighbour' });
    expect(dialogs).toEqual([]);
  });

  it("shows the API's error message when the report is refused", async () => {
    const page = await open(site.records[0]!);
    await page.getByLabel(/anything we should know/i).fill('rate-limit-me');
    await page.locator('[data-testid=report-submit]').click();
    await expect.poll(() => page.locator('[data-testid=report-status]').textContent()).toContain('Too many reports, slow down');
  });
});
