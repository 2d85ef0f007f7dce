// The moderator console in Chromium through `wrangler dev`: sign in (the __Host- session cookie is accepted on
// http://127.0.0.1), approve a seeded review using only the keyboard, and no horizontal scroll at 375 px; a customer
// signs in the same way and schedules an upgrade on their account page with the keyboard.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../support/dev-server.js';
import { openLocalTarget } from '../../pipeline/publish/local-target.js';
import { readEdgeConfig } from '../../pipeline/publish/wrangler-config.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { repoRoot } from '../support/shared.js';
import { writeEnvFile } from '../support/dev-vars.js';

const ADMIN_TOKEN = `console-e2e-${Date.now()}`;
let tmp: string;
let dev: DevServer | undefined;
let browser: TestBrowser | undefined;
let moderator: { id: string; key: string };
const reviews: { id: string; itemId: string; title: string }[] = [];

/** A reviews row as `clearance publish` writes it, with its private thumbnail in R2 (a real WebP). */
async function seedReviews(persist: string): Promise<void> {
  const target = await openLocalTarget(await readEdgeConfig(join(repoRoot, 'wrangler.toml')), persist);
  try {
    await target.migrate();
    const specs = [
      { title: 'Portrait of a Lady, attributed to the Workshop of an Unknown Master', url: 'https://commons.wikimedia.org/wiki/File:Portrait.jpg' },
      {
        title: `A very long title without spaces ${'Supercalifragilisticexpialidocious'.repeat(4)} <b>not bold</b>`,
        url: `https://commons.wikimedia.org/wiki/File:${'Long_name_'.repeat(20)}.jpg?"><script>alert(1)</script>`,
      },
    ];
    for (const [i, s] of specs.entries()) {
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 40 * i, g: 120, b: 200 } } }).webp().toBuffer();
      const sha = createHash('sha256').update(png).digest('hex');
      const file = join(tmp, `${sha}.webp`);
      await writeFile(file, png);
      const thumbKey = `review-thumb/${sha.slice(0, 2)}/${sha}.webp`;
      await target.putObject(thumbKey, file, 'image/webp');
      const itemId = `wikimedia:e2e-${i}`;
      const reasons = [{ code: 'licence.third-party-assertion', detail: 'CC0 asserted by the uploader, not the creator' }];
      const evidence = {
        id: itemId, source: 'wikimedia', title: s.title, creator: 'Unknown', sourceUrl: s.url, reasons, evidenceHash: sha,
        statement: { licence: 'CC0', sourceLicence: null, assertedBy: 'third-party' },
        provenance: { release: '2026-11', adapter: 'wikimedia', foreignId: `e2e-${i}`, retrievedAt: '2026-11-01T00:00:00Z', assertedBy: 'third-party', originalMetadataSha256: sha, imageUrl: 'https://upload.wikimedia.org/x.jpg' },
        sha256: sha, width: 64, height: 48, format: 'webp',
        original: { title: s.title, extmetadata: { LicenseShortName: { value: 'CC0' }, Artist: { value: '<a href="//x">Uploader</a>' } } },
      };
      const id = `rev_e2e${i}${sha.slice(0, 18)}`;
      const at = new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString();
      await target.execute([
        {
          sql: `INSERT INTO reviews (id, item_id, evidence_hash, source, release, main_code, reasons, evidence, title, sha256, thumb_key, status, created_at, updated_at)
                VALUES (?, ?, ?, 'wikimedia', '2026-11', ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
          params: [id, itemId, sha, reasons[0]!.code, JSON.stringify(reasons), JSON.stringify(evidence), s.title, sha, thumbKey, at, at],
        },
      ]);
      reviews.push({ id, itemId, title: s.title });
    }
  } finally {
    await target.close();
  }
}

async function admin(path: string, body: unknown) {
  const res = await fetch(`${dev!.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return res.json();
}

/** Presses Tab until the focused element matches `selector` (at most `max` presses); fails otherwise. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'clearance-console-e2e-'));
  const persist = join(tmp, 'state');
  const dist = join(tmp, 'dist');
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>gallery</title>');
  const envFile = join(tmp, 'test.env');
  await writeEnvFile(envFile, ADMIN_TOKEN);
  await seedReviews(persist);
  dev = await startDevServer({ persistTo: persist, envFile, assets: dist });
  const created = (await admin('/v1/admin/accounts', { email: 'moderator@example.org', plan: 'payg' })) as { account: { id: string }; key: string };
  moderator = { id: created.account.id, key: created.key };
  await admin(`/v1/admin/accounts/${moderator.id}/roles`, { role: 'moderator' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the moderator console in Chromium', () => {
  it('signs in, and a moderator approves a review with the keyboard alone', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text())); // e.g. CSP violations
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(`${dev!.url}/console/`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    // the key field has focus; type the key and press Enter
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('key');
    await page.keyboard.type(moderator.key);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${dev!.url}/console/`);

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Host-clr_session');
    expect(session, 'Chromium accepted the __Host- session cookie on http://127.0.0.1').toBeTruthy();
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(cookies.find((c) => c.name === '__Host-clr_signin')).toBeUndefined();
    expect(await page.evaluate(() => document.cookie)).toBe(''); // HttpOnly: invisible to scripts

    // the skip link comes first and is visible when focused
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');

    const target = reviews[0]!;
    await tabTo(page, `a[href="/console/reviews/${target.id}"]`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${dev!.url}/console/reviews/${target.id}`);
    await expect.poll(() => page.locator('img.big').evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(64); // the private thumbnail
    expect(await page.locator('main').textContent()).toContain('CC0 asserted by the uploader, not the creator');

    await tabTo(page, 'input[name=licence][value="cc0-1.0"]');
    await page.keyboard.press('Space');
    await tabTo(page, '#approve-note');
    await page.keyboard.type('Checked the Commons page and the museum record: the museum released it as CC0.');
    await tabTo(page, '[data-testid=approve-form] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${dev!.url}/console/reviews/${target.id}?done`);
    expect(await page.locator('main [role=status]').textContent()).toContain('Approved as CC0 1.0 by moderator@example.org');

    const res = await fetch(`${dev!.url}/v1/moderation/reviews/${target.id}`, { headers: { authorization: `Bearer ${moderator.key}` } });
    const { review } = (await res.json()) as { review: { status: string; decidedLicence: string; decidedBy: string; note: string } };
    expect(review).toMatchObject({ status: 'approved', decidedLicence: 'cc0-1.0', decidedBy: moderator.id });
    expect(review.note).toContain('museum released it as CC0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a 375 px wide phone screen without horizontal scrolling', async () => {
    const context = await browser!.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${dev!.url}/console/sign-in`);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.fill('#key', moderator.key);
    await page.click('button[type=submit]');
    await page.waitForURL(`${dev!.url}/console/`);
    const long = reviews[1]!;
    for (const path of ['/console/', `/console/reviews/${long.id}`, `/console/reviews/${reviews[0]!.id}`, '/console/flags', '/console/withdraw', '/console/log']) {
      await page.goto(`${dev!.url}${path}`);
      expect(await noHorizontalScroll(page), path).toBe(true);
    }
    // the hostile URL is a link, escaped, and did not run
    await page.goto(`${dev!.url}/console/reviews/${long.id}`);
    expect(await page.locator('a[rel="noopener noreferrer"]').first().getAttribute('href')).toContain('"><script>');
    await context.close();
  });

  it('a customer signs in to their plan and invoices, schedules an upgrade with the keyboard, and it fits a phone', async () => {
    const customer = (await admin('/v1/admin/accounts', { email: 'customer@example.org', plan: 'payg' })) as { key: string };
    const context = await browser!.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${dev!.url}/account/`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    // the key field has autofocus: wait until it holds the focus (it can land after load on a busy machine), then type
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('key');
    await page.keyboard.type(customer.key);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${dev!.url}/account/`);
    expect(await page.locator('[data-testid=plan]').textContent()).toContain('Pay as you go');
    expect(await noHorizontalScroll(page)).toBe(true);
    await tabTo(page, '[data-testid=upgrade-form] button[type=submit]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/account\/\?done=/);
    expect(await page.locator('[data-testid=pending]').textContent()).toMatch(/^curation from \d{4}-\d{2}/);
    expect(await noHorizontalScroll(page)).toBe(true);
    await context.close();
  });
});
