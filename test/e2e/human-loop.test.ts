// End to end, the human loop (#14) in Chromium through `wrangler dev`: a held Wikimedia-style item → a moderator
// approves it in the console → pull + build + site + publish → it is in the gallery with the moderator's evidence; and
// flag → withdraw in the console → its page and thumbnail answer 410 and search drops it, with no rebuild → pull +
// build rejects it (optout.withdrawn) → the change feed lists it → prune removes it from a downloaded manifest.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import type { DevServer } from '../support/dev-server.js';
import { itemPath } from '../../site/src/lib/slug.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { clearance } from './cli.js';
import { writeEnvFile } from '../support/dev-vars.js';
import { serveStack, type SampleStack } from './sample-stack.js';
import { tempDir, removeTempDirs, readJsonl, type DecisionLine } from '../pipeline/support/cli.js';

const ADMIN_TOKEN = `loop-e2e-${Date.now()}`;
const HELD = 'wikimedia:File_Quince_study.png';
const FLAGGED = 'museum:pear-2';
const KEPT = 'museum:apple-1';
const TITLES: Record<string, string> = { [HELD]: 'Quince study by an unknown hand', [FLAGGED]: 'Pear Zephyrine', [KEPT]: 'Apple Reinette' };
const NOTE = 'Uploader is the photographer: checked the linked profile, CC0 dedication stated there.';

let s: SampleStack;
let dev: DevServer | undefined;
let browser: TestBrowser | undefined;
let moderator: { id: string; key: string };
let buyer: { id: string; key: string };

/** A release with two sources: a museum (CC0, asserted by the institution) and Wikimedia uploads (third-party). */
async function writeRelease(dir: string): Promise<void> {
  await mkdir(join(dir, 'images'), { recursive: true });
  const pics: [string, number][] = [['quince', 0], ['pear', 1], ['apple', 2]];
  for (const [name, i] of pics) {
    // distinct pictures (dedup must not merge them): stripes at different angles and colours
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="rgb(${60 + i * 70},${200 - i * 50},${90 + i * 40})"/>${Array.from({ length: 8 }, (_, k) => `<circle cx="${(k * 37 * (i + 1)) % 320}" cy="${(k * 53 + i * 29) % 240}" r="${12 + ((k * (i + 3)) % 30)}" fill="rgb(${(k * 40) % 255},${(i * 90) % 255},${(k * 70 + i * 30) % 255})"/>`).join('')}</svg>`;
    await sharp(Buffer.from(svg)).png().toFile(join(dir, 'images', `${name}.png`));
  }
  const museum = [
    { id: 'apple-1', image: 'images/apple.png', title: TITLES[KEPT], creator: 'Deborah Passmore', licence: 'https://creativecommons.org/publicdomain/zero/1.0/', sourceUrl: 'https://museum.example/apple-1' },
    { id: 'pear-2', image: 'images/pear.png', title: TITLES[FLAGGED], creator: 'Amanda Newton', licence: 'https://creativecommons.org/publicdomain/zero/1.0/', sourceUrl: 'https://museum.example/pear-2' },
  ];
  const wikimedia = [
    { id: 'File_Quince_study.png', image: 'images/quince.png', title: TITLES[HELD], creator: 'Unknown', licence: 'CC0', assertedBy: 'third-party', sourceUrl: 'https://commons.wikimedia.org/wiki/File:Quince_study.png' },
  ];
  await writeFile(join(dir, 'museum.jsonl'), museum.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await writeFile(join(dir, 'wikimedia.jsonl'), wikimedia.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await writeFile(
    join(dir, 'release.json'),
    JSON.stringify({
      name: '2026-12',
      sources: [
        { name: 'museum', adapter: 'manifest', path: 'museum.jsonl', assertedBy: 'institution' },
        { name: 'wikimedia', adapter: 'manifest', path: 'wikimedia.jsonl' },
      ],
    }),
  );
}

const decisions = async () => new Map((await readJsonl<DecisionLine>(join(s.out, 'decisions.jsonl'))).map((d) => [d.id, d]));
const catalog = async () => readJsonl<CatalogRecord>(join(s.out, 'catalog.jsonl'));

async function api(path: string, init: RequestInit & { key?: string; admin?: boolean } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  if (init.admin) headers.set('authorization', `Bearer ${ADMIN_TOKEN}`);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${dev!.url}${path}`, { ...init, headers });
}

async function account(email: string, plan: string): Promise<{ id: string; key: string }> {
  const res = await api('/v1/admin/accounts', { method: 'POST', admin: true, body: JSON.stringify({ email, plan }) });
  expect(res.status).toBe(201);
  const j = (await res.json()) as { account: { id: string }; key: string };
  return { id: j.account.id, key: j.key };
}

/** Build → site → publish (the server must be stopped to publish) → serve. */
async function rebuildAndServe(): Promise<void> {
  await clearance(['build', s.release, '--out', s.out, '--cache', s.cache, '--quiet'], { CLEARANCE_SAFETY: 'off' });
  await clearance(['site', s.out, '--dist', s.dist]);
  await dev?.stop();
  await clearance(['publish', s.out, '--local', '--persist-to', s.persist]);
  dev = await serveStack(s);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${dev!.url}/console/`);
  await page.locator('#key').fill(moderator.key);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${dev!.url}/console/`);
}

beforeAll(async () => {
  const tmp = await tempDir('clearance-loop-e2e-');
  s = { tmp, release: join(tmp, 'release'), out: join(tmp, 'out'), cache: join(tmp, 'cache'), persist: join(tmp, 'state'), dist: join(tmp, 'dist'), envFile: join(tmp, 'test.env'), records: [] };
  await writeEnvFile(s.envFile, ADMIN_TOKEN);
  await writeRelease(s.release);
  await rebuildAndServe();
  moderator = await account('moderator@example.org', 'payg');
  const granted = await api(`/v1/admin/accounts/${moderator.id}/roles`, { method: 'POST', admin: true, body: JSON.stringify({ role: 'moderator' }) });
  expect(granted.status).toBeLessThan(300);
  buyer = await account('buyer@example.org', 'curation');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  await removeTempDirs();
});

describe('the human loop, end to end', () => {
  it('holds the Wikimedia upload for review and catalogues the museum works', async () => {
    const d = await decisions();
    expect(d.get(HELD)?.status).toBe('review');
    expect(d.get(HELD)?.reasons[0]?.code).toBe('licence.third-party-assertion');
    expect((await catalog()).map((r) => r.id).sort()).toEqual([KEPT, FLAGGED].sort());
  });

  it('a moderator approves the held item in the console; the next release catalogues it with their evidence', async () => {
    const page = await (await browser!.newContext()).newPage();
    await signIn(page);
    const row = page.locator('[data-testid=review-row]', { hasText: TITLES[HELD]! });
    await expect.poll(() => row.count()).toBe(1);
    await row.locator('a').first().click();
    await page.waitForURL(/\/console\/reviews\//);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('licence.third-party-assertion');
    expect(body).toContain('third-party');
    expect(body).toContain('https://commons.wikimedia.org/wiki/File:Quince_study.png');
    // the private thumbnail loads for the moderator
    const thumb = page.locator('main img').first();
    await expect.poll(() => thumb.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const approve = page.locator('[data-testid=approve-form]');
    await approve.locator('input[value="cc0-1.0"]').check();
    await approve.locator('textarea').fill(NOTE);
    await approve.locator('button[type=submit]').click();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(/Approved as CC0/);
    await page.context().close();

    await clearance(['pull', s.release, '--local', '--persist-to', s.persist]);
    await rebuildAndServe();
    const d = await decisions();
    expect(d.get(HELD)?.status).toBe('accepted');
    expect(d.get(HELD)?.reasons[0]?.code).toBe('licence.moderator-approved');
    const record = (await catalog()).find((r) => r.id === HELD)!;
    expect(record.licence.id).toBe('cc0-1.0');
    expect(record.licence.evidence.find((e) => e.kind === 'moderator')).toMatchObject({ statement: NOTE, by: moderator.id });

    const gallery = await browser!.newPage();
    await gallery.goto(`${dev!.url}/`);
    await expect.poll(() => gallery.locator('[data-testid=gallery-item]', { hasText: TITLES[HELD]! }).count()).toBe(1);
    await gallery.goto(`${dev!.url}${itemPath(HELD)}`);
    const evidence = (await gallery.locator('[data-testid=licence-evidence]').textContent()) ?? '';
    expect(evidence).toContain('moderator’s review');
    expect(evidence).toContain(NOTE);
    await gallery.close();
  });

  it('flag → withdraw in the console: 410 and gone from search at once; the next build rejects it; the feed and prune agree', async () => {
    const record = (await catalog()).find((r) => r.id === FLAGGED)!;
    // a downloaded copy: a collection manifest fetched before the withdrawal
    const created = await api('/v1/collections', { method: 'POST', key: buyer.key, body: JSON.stringify({ name: 'fruit' }) });
    expect(created.status).toBe(201);
    const collId = ((await created.json()) as { collection: { id: string } }).collection.id;
    expect((await api(`/v1/collections/${collId}/items`, { method: 'POST', key: buyer.key, body: JSON.stringify({ itemIds: [KEPT, FLAGGED] }) })).status).toBeLessThan(300);
    const manifestRes = await api(`/v1/collections/${collId}/manifest?format=jsonl`, { key: buyer.key });
    expect(manifestRes.status).toBe(200);
    const manifest = join(s.tmp, 'downloaded.jsonl');
    await writeFile(manifest, await manifestRes.text());

    // the public reports the image from its page
    const page = await (await browser!.newContext()).newPage();
    await page.goto(`${dev!.url}${itemPath(FLAGGED)}`);
    const form = page.locator('[data-testid=report-form]');
    await form.locator('input[value=infringing]').check();
    await form.locator('textarea').fill('This pear is still under copyright.');
    await form.locator('[data-testid=report-submit]').click();
    await expect.poll(async () => (await page.locator('[data-testid=report-status]').textContent()) ?? '').toMatch(/\S/);

    // the moderator withdraws it from the flags queue
    await signIn(page);
    await page.goto(`${dev!.url}/console/flags`);
    const flag = page.locator('[data-testid=flag-row]', { hasText: TITLES[FLAGGED]! });
    await expect.poll(() => flag.count()).toBe(1);
    await flag.locator('textarea').fill('Checked: the museum lists a living artist.');
    await flag.locator('button', { hasText: /withdraw/i }).click();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(/withdr/i);
    await page.context().close();

    // gone at once, before any rebuild: page, thumbnail, gallery card, search hit
    expect((await fetch(`${dev!.url}${itemPath(FLAGGED)}`)).status).toBe(410);
    const thumbRes = await fetch(`${dev!.url}/files/${record.files.thumb}`);
    expect(thumbRes.status).toBe(410);
    expect(((await thumbRes.json()) as { error: { code: string } }).error.code).toBe('gone');
    const browse = await browser!.newPage();
    await browse.goto(`${dev!.url}/`);
    expect(await browse.locator('[data-testid=gallery-item]', { hasText: TITLES[KEPT]! }).count()).toBe(1);
    expect(await browse.locator('[data-testid=gallery-item]', { hasText: TITLES[FLAGGED]! }).count()).toBe(0);
    await browse.goto(`${dev!.url}/search/`);
    await browse.waitForSelector('[data-testid=safety-threshold]:enabled');
    await browse.locator('[data-testid=search-input]').fill('Reinette');
    await expect.poll(() => browse.locator('[data-testid=search-result]:visible').count()).toBe(1); // the index works
    await browse.locator('[data-testid=search-input]').fill('Zephyrine');
    await expect.poll(async () => (await browse.locator('[data-testid=search-summary]').textContent()) ?? '').toMatch(/^0 results/);
    expect(await browse.locator('[data-testid=search-result]:visible').count()).toBe(0);
    await browse.close();

    // the feed lists the withdrawal (and the approval), then the next release rejects the item
    const feed = (await (await api('/v1/changes')).json()) as { changes: { itemId: string; kind: string; code: string; sha256: string | null }[] };
    expect(feed.changes).toContainEqual(expect.objectContaining({ itemId: FLAGGED, kind: 'withdrawn', code: 'optout.withdrawn', sha256: record.sha256 }));
    expect(feed.changes).toContainEqual(expect.objectContaining({ itemId: HELD, kind: 'approved' }));
    await clearance(['pull', s.release, '--local', '--persist-to', s.persist]);
    await rebuildAndServe();
    const d = await decisions();
    expect(d.get(FLAGGED)?.status).toBe('rejected');
    expect(d.get(FLAGGED)?.reasons[0]?.code).toBe('optout.withdrawn');
    expect(d.get(HELD)?.status).toBe('accepted'); // the approval survives the rebuild and re-publish
    expect((await catalog()).map((r) => r.id)).not.toContain(FLAGGED);

    const pruned = await clearance(['prune', manifest, '--feed', dev!.url, '--out', join(s.tmp, 'pruned.jsonl')], { CLEARANCE_FETCH_ALLOW_LOOPBACK: '1' });
    expect(pruned.stdout).toContain(FLAGGED);
    const kept = (await readFile(join(s.tmp, 'pruned.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id);
    expect(kept).toEqual([KEPT]);
  });
});
