// End to end, the opt-in platform (#21) in Chromium through `wrangler dev`: a rights holder signs up → proves a domain
// served by a local server on 127.0.0.1 → uploads two works with a price (and a resized copy of a catalogued
// public-domain work) → pull + build + site + publish → both works are in the gallery as licence.optin at the holder's
// price, the copy is held (licence.conflict) and shown to a moderator beside the pear → a customer downloads one → the dashboard shows the download and the
// earnings → "Find my works": resized copies of catalogued works (the pear, and a real pomological watercolour from the
// shared corpus when it is there) uploaded on /holder/find and /find find them, and the holder claims one → the holder
// withdraws the other → 451 at once, and the next release rejects it (optout.withdrawn).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import { startDevServer, type DevServer } from '../support/dev-server.js';
import { itemPath } from '../../site/src/lib/slug.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { writeEnvFile } from '../support/dev-vars.js';
import { corpusDir, hasCorpus } from '../support/shared.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { clearance } from './cli.js';

const ADMIN_TOKEN = `optin-e2e-${Date.now()}`;
const PEAR = 'museum:pear-1';
/** A real catalogued watercolour (USDA Pomological Watercolors, public domain) when the shared corpus is there. */
const WATERCOLOUR = 'museum:watercolour-7';
const watercolour = hasCorpus ? readFileSync(join(corpusDir, 'pomological/images/image-7.jpg')) : null;
const WORKS = { orchard: { title: 'Orchard at dusk', price: 250_000 }, quince: { title: 'Quince in a blue bowl', price: 400_000 }, copy: { title: 'My pear', price: 9_000 } };

let tmp: string;
let release: string;
let out: string;
let persist: string;
let dist: string;
let envFile: string;
let dev: DevServer | undefined;
let browser: TestBrowser | undefined;
let holderPage: Page;
let site: Server;
let sitePort: number;
let verificationFile = '';
/** What the holder's "domain" serves at /works/copy.jpg (a copy of a catalogued work, for Find my works by URL). */
let servedCopy: Buffer | null = null;
let holderKey = '';

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

/** A distinct picture per seed (dedup must tell them apart). */
async function picture(seed: number, width = 480, height = 360): Promise<Buffer> {
  const circles = Array.from({ length: 9 }, (_, k) => `<circle cx="${(k * 53 * (seed + 1)) % width}" cy="${(k * 71 + seed * 37) % height}" r="${20 + ((k * (seed + 5)) % 40)}" fill="rgb(${(k * 60 + seed * 90) % 255},${(seed * 110 + k * 20) % 255},${(k * 35 + seed * 50) % 255})"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="rgb(${(seed * 70) % 255},${200 - seed * 30},${90 + seed * 25})"/>${circles}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function serve(): Promise<void> {
  dev = await startDevServer({ persistTo: persist, envFile, assets: dist, vars: { VERIFY_SCHEME: 'http', VERIFY_PORT: String(sitePort) } });
}

async function rebuildAndServe(): Promise<void> {
  await clearance(['build', release, '--out', out, '--cache', join(tmp, 'cache'), '--quiet'], { CLEARANCE_SAFETY: 'off' });
  await clearance(['site', out, '--dist', dist]);
  await dev?.stop();
  await clearance(['publish', out, '--local', '--persist-to', persist]);
  await serve();
}

const decisions = async () => new Map((await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).map((d) => [d.id, d]));
const catalog = async () => readJsonl<CatalogRecord>(join(out, 'catalog.jsonl'));

async function admin(path: string, body: unknown): Promise<Response> {
  return fetch(`${dev!.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The item id of the holder's work with this title, from the dashboard. */
async function itemIdOf(page: Page, title: string): Promise<string> {
  const id = await page.locator('[data-testid=work-row]', { hasText: title }).getAttribute('data-item-id');
  expect(id).toBeTruthy();
  return id!;
}

async function upload(page: Page, name: string, bytes: Buffer, w: { title: string; price: number }, generative: 'yes' | 'no') {
  const form = page.locator('[data-testid=upload-form]');
  await form.locator('#file').setInputFiles({ name, mimeType: 'image/png', buffer: bytes });
  await form.locator('#title').fill(w.title);
  await form.locator('#creator').fill('Ada Orchard');
  await form.locator('#price').fill(String(w.price));
  await form.locator(`input[name=generativeTraining][value=${generative}]`).check();
  await form.locator('button[type=submit]').click();
  await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain(`Submitted: ${w.title}`);
}

beforeAll(async () => {
  tmp = await tempDir('clearance-optin-e2e-');
  release = join(tmp, 'release');
  out = join(tmp, 'out');
  persist = join(tmp, 'state');
  dist = join(tmp, 'dist');
  envFile = join(tmp, 'test.env');
  await writeEnvFile(envFile, ADMIN_TOKEN);
  // the holder's "domain": a local server serving the verification file
  site = createServer((req, res) => {
    if (req.url === '/.well-known/clearance-verification.txt' && verificationFile) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(verificationFile);
    } else if (req.url === '/works/copy.jpg' && servedCopy) {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(servedCopy);
    } else if (req.url === '/works/moved.jpg') {
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere.jpg' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  site.listen(0, '127.0.0.1');
  await once(site, 'listening');
  sitePort = (site.address() as { port: number }).port;
  // a catalogued public-domain pear
  await mkdir(join(release, 'images'), { recursive: true });
  await writeFile(join(release, 'images', 'pear.png'), await picture(1, 640, 480));
  const museum = [{ id: 'pear-1', image: 'images/pear.png', title: 'Pear Zephyrine', creator: 'Deborah Passmore', licence: 'https://creativecommons.org/publicdomain/mark/1.0/' }];
  if (watercolour) {
    await writeFile(join(release, 'images', 'watercolour.jpg'), watercolour);
    museum.push({ id: 'watercolour-7', image: 'images/watercolour.jpg', title: 'Apple, USDA watercolour', creator: 'USDA Pomological Watercolor Collection', licence: 'https://creativecommons.org/publicdomain/mark/1.0/' });
  }
  await writeFile(join(release, 'museum.jsonl'), museum.map((m) => `${JSON.stringify(m)}\n`).join(''));
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: '2026-12', sources: [{ name: 'museum', adapter: 'manifest', path: 'museum.jsonl', assertedBy: 'institution' }] }));
  await rebuildAndServe();
  browser = await launchBrowser();
  holderPage = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  site?.close();
  await removeTempDirs();
});

describe('the opt-in platform, end to end', () => {
  let orchard: string;
  let quince: string;
  let copy: string;

  it('a holder signs up, verifies a domain served on 127.0.0.1 and uploads works with a price', async () => {
    const page = holderPage;
    await page.goto(`${dev!.url}/holder/sign-up`);
    await page.locator('#email').fill('ada@orchard.example');
    await page.locator('#name').fill('Ada Orchard');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=new-key]').count()).toBe(1);
    holderKey = await page.locator('[data-testid=new-key]').inputValue();
    expect(holderKey).toMatch(/^clr_/);
    await page.locator('[data-testid=continue]').click();
    await page.waitForURL(`${dev!.url}/holder/`);
    expect(await page.locator('[data-testid=holder-status]').textContent()).toBe('pending');
    expect(await page.locator('[data-testid=upload-form]').count()).toBe(0);

    await page.locator('#domain').fill('127.0.0.1');
    await page.locator('[data-testid=domain-claim-form] button').click();
    await expect.poll(() => page.locator('[data-testid=verification-line]').count()).toBe(1);
    // not published yet: the check says so
    await page.locator('[data-testid=check-claim]').click();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(/not verified yet: .*answered HTTP 404/);
    verificationFile = `# Clearance\n${await page.locator('[data-testid=verification-line]').textContent()}\n`;
    await page.locator('[data-testid=check-claim]').click();
    await expect.poll(async () => page.locator('[data-testid=holder-status]').textContent()).toBe('verified');

    await upload(page, 'orchard.png', await picture(2), WORKS.orchard, 'yes');
    await upload(page, 'quince.png', await picture(3), WORKS.quince, 'no');
    // a resized copy of the catalogued public-domain pear
    await upload(page, 'pear.png', await sharp(await picture(1, 640, 480)).resize(320, 240).png().toBuffer(), WORKS.copy, 'yes');
    orchard = await itemIdOf(page, WORKS.orchard.title);
    quince = await itemIdOf(page, WORKS.quince.title);
    copy = await itemIdOf(page, WORKS.copy.title);
    expect(await page.locator('[data-testid=work-status]').allTextContents()).toEqual(['pending', 'pending', 'pending']);
  });

  it('pull + build + publish: both works in the gallery as licence.optin at the holder’s price; the copy is held', async () => {
    await clearance(['pull', release, '--local', '--persist-to', persist]);
    await rebuildAndServe();
    const d = await decisions();
    expect(d.get(orchard)?.reasons[0]?.code).toBe('licence.optin');
    expect(d.get(quince)?.reasons[0]?.code).toBe('licence.optin');
    expect(d.get(copy)?.status).toBe('review');
    expect(d.get(copy)?.reasons.map((r) => r.code)).toContain('licence.conflict');
    expect(d.get(copy)?.reasons.find((r) => r.code === 'licence.conflict')?.detail).toContain(PEAR);
    const records = await catalog();
    expect(records.map((r) => r.id).sort()).toEqual([PEAR, orchard, quince, ...(watercolour ? [WATERCOLOUR] : [])].sort());
    for (const [id, w] of [[orchard, WORKS.orchard], [quince, WORKS.quince]] as const) {
      expect(records.find((r) => r.id === id)).toMatchObject({ licence: { id: 'optin' }, priceMicros: w.price });
      const item = (await (await fetch(`${dev!.url}/v1/items/${encodeURIComponent(id)}`)).json()) as { item: { licence: string; priceMicros: number; rightsHolder: string } };
      expect(item.item).toMatchObject({ licence: 'optin', priceMicros: w.price });
    }
    const gallery = await browser!.newPage();
    await gallery.goto(`${dev!.url}/`);
    for (const w of [WORKS.orchard, WORKS.quince]) await expect.poll(() => gallery.locator('[data-testid=gallery-item]', { hasText: w.title }).count()).toBe(1);
    expect(await gallery.locator('[data-testid=gallery-item]', { hasText: WORKS.copy.title }).count()).toBe(0);
    await gallery.goto(`${dev!.url}${itemPath(orchard)}`);
    const licence = (await gallery.locator('[data-testid=licence]').textContent()) ?? '';
    expect(licence).toContain('optin');
    expect(await gallery.locator('main').textContent()).toContain('$0.2510');
    await gallery.close();

    // a moderator sees the held copy beside the catalogued pear
    const created = await admin('/v1/admin/accounts', { email: 'moderator@example.org', plan: 'payg' });
    const moderator = (await created.json()) as { account: { id: string }; key: string };
    expect((await admin(`/v1/admin/accounts/${moderator.account.id}/roles`, { role: 'moderator' })).status).toBeLessThan(300);
    const mod = await (await browser!.newContext()).newPage();
    await mod.goto(`${dev!.url}/console/`);
    await mod.locator('#key').fill(moderator.key);
    await mod.keyboard.press('Enter');
    await mod.waitForURL(`${dev!.url}/console/`);
    await mod.locator('[data-testid=review-row]', { hasText: WORKS.copy.title }).locator('a').first().click();
    await mod.waitForURL(/\/console\/reviews\//);
    expect(await mod.locator('[data-testid=conflict]').textContent()).toContain(PEAR);
    for (const img of ['conflict-submission', 'conflict-other']) {
      const el = mod.locator(`[data-testid=${img}]`);
      await expect.poll(() => el.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    }
    await mod.context().close();

    await holderPage.goto(`${dev!.url}/holder/`);
    const status = (title: string) => holderPage.locator('[data-testid=work-row]', { hasText: title }).locator('[data-testid=work-status]').textContent();
    expect(await status(WORKS.orchard.title)).toBe('accepted');
    expect(await status(WORKS.copy.title)).toBe('held');
    expect(await holderPage.locator('[data-testid=work-row]', { hasText: WORKS.copy.title }).textContent()).toContain('licence.conflict');
  });

  it('a customer downloads one; the dashboard shows the download and the earnings', async () => {
    const res = await admin('/v1/admin/accounts', { email: 'buyer@example.org', plan: 'payg' });
    expect(res.status).toBe(201);
    const buyer = (await res.json()) as { account: { id: string }; key: string };
    const refused = await fetch(`${dev!.url}/v1/items/${encodeURIComponent(quince)}/download?use=generative-training`, { headers: { authorization: `Bearer ${buyer.key}` } });
    expect(refused.status).toBe(403);
    const dl = await fetch(`${dev!.url}/v1/items/${encodeURIComponent(orchard)}/download`, { headers: { authorization: `Bearer ${buyer.key}` } });
    expect(dl.status).toBe(200);
    await dl.arrayBuffer();

    await holderPage.goto(`${dev!.url}/holder/statement`);
    expect(await holderPage.locator('[data-testid=statement-downloads]').textContent()).toBe('1');
    expect(await holderPage.locator('[data-testid=statement-earnings]').textContent()).toBe('$0.25');
    const rows = await holderPage.locator('[data-testid=audit-row]').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(orchard);
    expect(rows[0]).toMatch(/customer-[0-9a-f]{12}/);
    expect(rows[0]).not.toContain(buyer.account.id);
  });

  it('Find my works: resized copies of catalogued works find them, with evidence; the holder claims one', async () => {
    const page = holderPage;
    const search = async (p: Page, path: string, name: string, bytes: Buffer) => {
      await p.goto(`${dev!.url}${path}`);
      await p.locator('#find-file').setInputFiles({ name, mimeType: 'image/jpeg', buffer: bytes });
      await p.locator('[data-testid=find-form] button[type=submit]').click();
      await expect.poll(() => p.locator('[data-testid=find-result]').count()).toBe(1);
    };
    const copies: [string, Buffer][] = [[PEAR, await sharp(await picture(1, 640, 480)).resize(300).jpeg({ quality: 75 }).toBuffer()]];
    if (watercolour) copies.push([WATERCOLOUR, await sharp(watercolour).resize(96).jpeg({ quality: 80 }).toBuffer()]);
    for (const [id, bytes] of copies) {
      await search(page, '/holder/find', 'copy.jpg', bytes);
      const match = page.locator(`[data-testid=find-match][data-item-id="${id}"]`);
      expect(await match.count(), id).toBe(1);
      expect(await match.getAttribute('data-signal')).toBe('hash');
      expect(await match.locator('[data-testid=match-distances]').textContent()).toMatch(/hash \d+\/64 bits, colour [\d.]+\/255/);
      const thumb = match.locator('img');
      await expect.poll(() => thumb.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    }
    // by URL on the holder's verified domain (the local server): found the same way; a redirect is not followed
    servedCopy = copies[0]![1];
    for (const [path, expected] of [['/works/copy.jpg', null], ['/works/moved.jpg', /redirects are not followed/]] as const) {
      await page.goto(`${dev!.url}/holder/find`);
      await page.locator('#find-url').fill(`http://127.0.0.1:${sitePort}${path}`);
      await page.locator('[data-testid=find-form] button[type=submit]').click();
      if (expected) await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(expected);
      else await expect.poll(() => page.locator(`[data-testid=find-match][data-item-id="${PEAR}"]`).count()).toBe(1);
    }
    expect(await page.locator('[data-testid=find-result]').count()).toBe(0);
    // the last upload's match: claim it (a moderator decides at /console/matches)
    await search(page, '/holder/find', 'copy.jpg', copies[copies.length - 1]![1]);
    const [claimedId] = copies[copies.length - 1]!;
    const match = page.locator(`[data-testid=find-match][data-item-id="${claimedId}"]`);
    await match.locator('summary').click();
    await match.locator('textarea[name=statement]').fill('I painted it; the original hangs in my studio.');
    await match.locator('[data-testid=claim-match]').click();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain(`Claim sent for ${claimedId}`);
    // anyone, signed out: the public page finds the pear copy too, without the holder's actions
    const anyone = await (await browser!.newContext()).newPage();
    await search(anyone, '/find', 'copy.jpg', copies[0]![1]);
    expect(await anyone.locator(`[data-testid=find-match][data-item-id="${PEAR}"]`).count()).toBe(1);
    expect(await anyone.locator('[data-testid=claim-match]').count()).toBe(0);
    await anyone.context().close();
  });

  it('signs in again with the key straight to the dashboard, which fits a 375 px phone screen', async () => {
    const context = await browser!.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${dev!.url}/console/sign-in`);
    await page.fill('#key', holderKey);
    await page.click('button[type=submit]');
    await page.waitForURL(`${dev!.url}/holder/`);
    for (const path of ['/holder/', '/holder/statement', '/holder/find']) {
      await page.goto(`${dev!.url}${path}`);
      expect(await noHorizontalScroll(page), path).toBe(true);
    }
    await context.close();
  });

  it('the holder withdraws the other: 451 at once, gone from the next release', async () => {
    const page = holderPage;
    await page.goto(`${dev!.url}/holder/`);
    const row = page.locator('[data-testid=work-row]', { hasText: WORKS.quince.title });
    await row.locator('[data-testid=withdraw-form] input[name=reason]').fill('Sold exclusive rights.');
    await row.locator('[data-testid=withdraw-form] button').click();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain(`Withdrawn: ${quince}`);
    const res = await admin('/v1/admin/accounts', { email: 'buyer2@example.org', plan: 'payg' });
    const buyer = (await res.json()) as { key: string };
    expect((await fetch(`${dev!.url}/v1/items/${encodeURIComponent(quince)}/download`, { headers: { authorization: `Bearer ${buyer.key}` } })).status).toBe(451);

    await clearance(['pull', release, '--local', '--persist-to', persist]);
    await rebuildAndServe();
    const d = await decisions();
    expect(d.get(quince)?.status).toBe('rejected');
    expect(d.get(quince)?.reasons[0]?.code).toBe('optout.withdrawn');
    expect(d.get(orchard)?.status).toBe('accepted');
    expect(d.get(copy)?.status).toBe('review'); // never accepted
    expect((await catalog()).map((r) => r.id)).not.toContain(quince);
    expect((await fetch(`${dev!.url}${itemPath(quince)}`)).status).toBe(410);
  });
});
