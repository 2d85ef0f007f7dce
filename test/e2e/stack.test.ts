// End to end: sample → build → publish --local → wrangler dev → gallery in Chromium → admin account → metered download
// → flag → moderator withdraws → 451 → re-publish keeps it withdrawn → gone from page, thumbnail, gallery and search.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import type { DevServer } from '../support/dev-server.js';
import type { PublishSummary } from '../../pipeline/publish/publish.js';
import { escape } from '../../site/src/render/html.js';
import { itemPath } from '../../site/src/lib/slug.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { clearance } from './cli.js';
import { builtSample, serveStack, type SampleStack } from './sample-stack.js';

const ADMIN_TOKEN = `e2e-${Date.now()}`;
let tmp: string;
let out: string;
let persist: string;
let dist: string;
let dev: DevServer | undefined;
let browser: TestBrowser | undefined;
let records: CatalogRecord[];

let stack: SampleStack;
const serve = (): Promise<DevServer> => serveStack(stack);

async function api(path: string, init: RequestInit & { key?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${dev!.url}${path}`, { ...init, headers });
}

beforeAll(async () => {
  stack = await builtSample('clearance-e2e-', ADMIN_TOKEN);
  ({ tmp, out, persist, dist, records } = stack);
  await clearance(['publish', out, '--local', '--persist-to', persist]);
  await clearance(['site', out, '--dist', dist]);
  dev = await serve();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the whole stack, locally', () => {
  it('serves the gallery with thumbnails from the published release', async () => {
    expect(records.length).toBeGreaterThan(1);
    const page = await browser!.newPage();
    await page.goto(`${dev!.url}/`);
    const cards = page.locator('[data-testid=gallery-item]');
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    const img = cards.first().locator('img');
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.close();
  });

  it('meters a download, then a moderator withdrawal blocks it (451) and a re-publish does not bring it back', async () => {
    const created = await clearance(['admin', 'accounts', 'create', '--email', 'buyer@example.com', '--url', dev!.url, '--json'], { ADMIN_TOKEN });
    const buyer = JSON.parse(created.stdout) as { account: { id: string }; key: string };
    const mod = JSON.parse((await clearance(['admin', 'accounts', 'create', '--email', 'mod@example.com', '--url', dev!.url, '--json'], { ADMIN_TOKEN })).stdout) as { account: { id: string }; key: string };
    await clearance(['admin', 'roles', 'grant', '--account', mod.account.id, '--role', 'moderator', '--url', dev!.url], { ADMIN_TOKEN });

    const item = records[0]!;
    const path = `/v1/items/${encodeURIComponent(item.id)}/download`;
    const res = await api(path, { key: buyer.key });
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(await readFile(join(out, 'files', item.files.original)))).toBe(true);
    const usage = (await (await api('/v1/usage', { key: buyer.key })).json()) as { downloads: number; charges: { totalMicros: number } };
    expect(usage.downloads).toBe(1);
    expect(usage.charges.totalMicros).toBe(item.priceMicros + 1000);

    const flag = await api('/v1/flags', { method: 'POST', body: JSON.stringify({ itemId: item.id, reason: 'privacy', note: 'e2e' }) });
    expect(flag.status).toBe(201);
    const { id: flagId } = (await flag.json()) as { id: string };
    const queue = (await (await api('/v1/moderation/flags', { key: mod.key })).json()) as { flags: { id: string }[] };
    expect(queue.flags.map((f) => f.id)).toContain(flagId);
    const decided = await api(`/v1/moderation/flags/${flagId}/decision`, { method: 'POST', key: mod.key, body: JSON.stringify({ action: 'withdraw', note: 'e2e' }) });
    expect(decided.status).toBe(200);
    expect((await api(path, { key: buyer.key })).status).toBe(451);

    // Publishing under a running server is refused (it would crash its workerd); stop it, as a maintainer would.
    await expect(clearance(['publish', out, '--local', '--persist-to', persist])).rejects.toThrow(/wrangler dev \(pid \d+, http:\/\/127\.0\.0\.1:\d+\) is serving/);
    await dev!.stop();
    const again = await clearance(['publish', out, '--local', '--persist-to', persist]);
    expect(again.stdout).toMatch(/0 uploaded/);
    const report = JSON.parse(await readFile(join(out, 'publish-report.json'), 'utf8')) as PublishSummary;
    expect(report.conflicts.map((c) => c.id)).toEqual([item.id]);
    dev = await serve();
    expect((await api(path, { key: buyer.key })).status).toBe(451);
    const other = records[1]!;
    expect((await api(`/v1/items/${encodeURIComponent(other.id)}/download`, { key: buyer.key })).status).toBe(200);
  });

  it('shows the withdrawn item nowhere, with no rebuild: 410 page and thumbnail, no gallery card, no search hit', async () => {
    const [gone, kept] = [records[0]!, records[1]!];
    expect(existsSync(join(dist, itemPath(gone.id), 'index.html'))).toBe(true); // its page is still a static asset
    const page = await api(itemPath(gone.id));
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('This work was withdrawn');
    const thumb = await api(`/files/${gone.files.thumb}`);
    expect(thumb.status).toBe(410);
    expect(((await thumb.json()) as { error: { code: string } }).error.code).toBe('gone');
    expect((await api(`/files/${kept.files.thumb}`)).status).toBe(200);
    for (const list of ['/', `/source/${itemPath(gone.id).split('/')[2]}/`]) {
      const html = await (await api(list)).text();
      expect(html, list).toContain(`data-item-id="${escape(kept.id)}"`);
      expect(html, list).not.toContain(`data-item-id="${escape(gone.id)}"`);
    }
    const browserPage = await browser!.newPage();
    await browserPage.goto(`${dev!.url}/search/`);
    // the index still holds the item (built before the withdrawal); the page must not show it
    // (a string, so that vitest leaves the page's own import() alone)
    const indexed = (await browserPage.evaluate(`(async () => {
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      return Promise.all((await pf.search(${JSON.stringify(gone.title)})).results.map(async (r) => (await r.data()).url));
    })()`)) as string[];
    expect(indexed).toContain(itemPath(gone.id));
    await browserPage.locator('[data-testid=search-input]').fill(gone.title);
    await expect.poll(() => browserPage.locator('[data-testid=search-summary]').textContent()).toMatch(/result/);
    expect(await browserPage.locator(`[data-testid=search-result] a[href="${itemPath(gone.id)}"]`).count()).toBe(0);
    expect(await browserPage.locator('[data-testid=search-result]').count()).toBe(indexed.length - 1);
    await browserPage.close();
  });
});
