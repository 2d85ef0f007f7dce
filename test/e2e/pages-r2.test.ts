// End to end for a catalogue too big for static assets: site --pages r2 → publish --local --site → wrangler dev serves
// the item pages from R2 (Chromium renders one), and a re-publish after a withdrawal removes that item's page (410).
import { existsSync } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import type { DevServer } from '../support/dev-server.js';
import { itemPath } from '../../site/src/lib/slug.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { clearance } from './cli.js';
import { builtSample, serveStack, type SampleStack } from './sample-stack.js';

let stack: SampleStack;
let dev: DevServer | undefined;
let browser: TestBrowser | undefined;
let records: CatalogRecord[];
const serve = (): Promise<DevServer> => serveStack(stack);

beforeAll(async () => {
  stack = await builtSample('clearance-e2e-pages-', `e2e-pages-${Date.now()}`);
  records = stack.records;
  const { out, dist, persist } = stack;
  const site = await clearance(['site', out, '--dist', dist, '--pages', 'r2']);
  expect(site.stdout).toMatch(/item pages are left out of them: upload them with `clearance publish/);
  const published = await clearance(['publish', out, '--local', '--persist-to', persist, '--site', dist]);
  expect(published.stdout).toMatch(new RegExp(`pages +${records.length} uploaded to R2, 0 unchanged, 0 deleted`));
  dev = await serve();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (stack) await rm(stack.tmp, { recursive: true, force: true });
});

describe('item pages from R2', () => {
  it('serves every item page through the Worker from R2, and Chromium renders it with its thumbnail', async () => {
    expect(records.length).toBeGreaterThan(1);
    for (const r of records) {
      expect(existsSync(join(stack.dist, itemPath(r.id), 'index.html'))).toBe(true); // built, but not a static asset
      const res = await fetch(`${dev!.url}${itemPath(r.id)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('Cache-Control')).toBe('public, max-age=0, must-revalidate'); // the R2 route's, not the assets'
      expect(await res.text()).toContain(r.title);
    }
    const page = await browser!.newPage();
    await page.goto(`${dev!.url}${itemPath(records[0]!.id)}`);
    await expect.poll(() => page.title()).toContain(records[0]!.title);
    const img = page.locator('main img').first();
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.close();
    const missing = await fetch(`${dev!.url}/item/nothing/here/`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toContain('text/html');
    await missing.text();
  });

  it('drops the page of an item the next release withdraws', async () => {
    const gone = records[0]!;
    // the sample release has a withdrawals file (release.json names it): one more line withdraws the item
    const { release, out, dist, persist, cache } = stack;
    await appendFile(join(release, 'withdrawals.jsonl'), `${JSON.stringify({ id: gone.id, reason: 'rights holder request', at: '2026-11-25T00:00:00Z' })}\n`);
    await clearance(['build', release, '--out', out, '--cache', cache]);
    await clearance(['site', out, '--dist', dist, '--pages', 'r2']);
    await dev!.stop(); // publish --local refuses to write state that wrangler dev is serving
    dev = undefined;
    const published = await clearance(['publish', out, '--local', '--persist-to', persist, '--site', dist]);
    // the other pages show this build's retrieval time (the sample's manifest records carry none), so they change too
    expect(published.stdout).toMatch(new RegExp(`pages +${records.length - 1} uploaded to R2, 0 unchanged, 1 deleted`));
    dev = await serve();
    // its R2 page is deleted; the item, withdrawn in D1, answers 410 Gone rather than the 404 page
    const res = await fetch(`${dev!.url}${itemPath(gone.id)}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('This work was withdrawn');
    const kept = await fetch(`${dev!.url}${itemPath(records[1]!.id)}`);
    expect(kept.status).toBe(200);
    await kept.text();
  });
});
