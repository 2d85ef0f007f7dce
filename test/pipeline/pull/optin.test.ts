// `clearance pull` for the opt-in platform (#21): signed-up holders and submitted works from D1, originals from R2
// (checked by SHA-256), written into the release as the `optin` source; the next build runs every stage on them:
// verified → licence.optin at the holder's price; pending → held; withdrawn → optout.withdrawn; a resized copy of a
// catalogued public-domain work → held with licence.conflict, never accepted.
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget } from '../../../pipeline/publish/open-target.js';
import { publish } from '../../../pipeline/publish/publish.js';
import type { PublishTarget } from '../../../pipeline/publish/target.js';
import { readerFromTarget } from '../../../pipeline/pull/d1-reader.js';
import { pullRelease } from '../../../pipeline/pull/pull.js';
import { repoRoot } from '../../support/shared.js';
import { readJsonl, removeTempDirs, runCli, tempDir, TEST_ENV, type DecisionLine } from '../support/cli.js';
import { writeOut } from '../publish/fixture-out.js';
import { closeLocalRuntimes, shareLocalRuntimes } from '../../support/shared-miniflare.js';
import { createHash } from 'node:crypto';

const config = join(repoRoot, 'wrangler.toml');
let root: string;
let persist: string;
let release: string;

async function withTarget<T>(fn: (t: PublishTarget) => Promise<T>): Promise<T> {
  const target = await openTarget({ mode: 'local', config, persistTo: persist });
  try {
    return await fn(target);
  } finally {
    await target.close();
  }
}

/** A distinct picture per seed (dedup must tell them apart), as PNG. */
async function picture(seed: number, width = 480, height = 360): Promise<Buffer> {
  const circles = Array.from({ length: 9 }, (_, k) => `<circle cx="${(k * 53 * (seed + 1)) % width}" cy="${(k * 71 + seed * 37) % height}" r="${20 + ((k * (seed + 5)) % 40)}" fill="rgb(${(k * 60 + seed * 90) % 255},${(seed * 110 + k * 20) % 255},${(k * 35 + seed * 50) % 255})"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="rgb(${(seed * 70) % 255},${200 - seed * 30},${90 + seed * 25})"/>${circles}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function submit(t: PublishTarget, o: { id: string; holder: string; bytes: Buffer; price: number; status?: string; generative?: boolean; at: string }) {
  const key = `incoming/${sha(o.bytes).slice(0, 2)}/${sha(o.bytes)}.png`;
  const file = join(root, `${o.id}.png`);
  await writeFile(file, o.bytes);
  await t.putObject(key, file, 'image/png');
  await t.execute([{
    sql: `INSERT INTO submissions (id, item_id, holder_id, title, creator, price_micros, generative_training, sha256, incoming_key, content_type, format, bytes, width, height, status, created_at, updated_at)
          VALUES (?, ?, ?, ?, 'A. Painter', ?, ?, ?, ?, 'image/png', 'png', ?, 480, 360, ?, ?, ?)`,
    params: [o.id, `optin:${o.id}`, o.holder, `Work ${o.id}`, o.price, o.generative === false ? 0 : 1, sha(o.bytes), key, o.bytes.length, o.status ?? 'submitted', o.at, o.at],
  }]);
}

const PD = 'museum:pear-1';

beforeAll(async () => {
  root = await tempDir('clearance-pull-optin-');
  persist = join(root, 'state');
  const out = join(root, 'out');
  await writeOut(out, 'r1', [{ id: 'live:1' }]);
  await withTarget((t) => publish(out, t));

  // the release: a museum's public-domain pear, and the maintainers' own rights-holders file
  release = join(root, 'release');
  await mkdir(join(release, 'images'), { recursive: true });
  const pear = await picture(1, 640, 480);
  await writeFile(join(release, 'images', 'pear.png'), pear);
  await writeFile(join(release, 'museum.jsonl'), `${JSON.stringify({ id: 'pear-1', image: 'images/pear.png', title: 'Pear', licence: 'https://creativecommons.org/publicdomain/mark/1.0/' })}\n`);
  await writeFile(join(release, 'holders.json'), JSON.stringify([{ id: 'old-hand', status: 'verified' }, { id: 'ada-k3x9', status: 'revoked' }]));
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: '2026-12', sources: [{ name: 'museum', adapter: 'manifest', path: 'museum.jsonl', assertedBy: 'institution' }], rightsHolders: 'holders.json' }, null, 2));

  await withTarget(async (t) => {
    await t.execute([
      { sql: "INSERT INTO accounts (id, email, plan_id) VALUES ('acct_a', 'a@example.org', 'payg'), ('acct_b', 'b@example.org', 'payg')", params: [] },
      { sql: "INSERT INTO holders (id, account_id, name, status, created_at, updated_at) VALUES ('ada-k3x9', 'acct_a', 'Ada', 'verified', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'), ('bob-z1z1', 'acct_b', 'Bob', 'pending', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')", params: [] },
    ]);
    await submit(t, { id: 'sub_one', holder: 'ada-k3x9', bytes: await picture(2), price: 250_000, generative: false, at: '2026-12-02T00:00:00.000Z' });
    await submit(t, { id: 'sub_two', holder: 'ada-k3x9', bytes: await picture(3), price: 400_000, status: 'withdrawn', at: '2026-12-02T00:00:01.000Z' });
    await submit(t, { id: 'sub_bob', holder: 'bob-z1z1', bytes: await picture(4), price: 1, at: '2026-12-02T00:00:02.000Z' });
    // a resized copy of the museum's public-domain pear
    await submit(t, { id: 'sub_copy', holder: 'ada-k3x9', bytes: await sharp(pear).resize(320, 240).png().toBuffer(), price: 9, at: '2026-12-02T00:00:03.000Z' });
  });
});

shareLocalRuntimes();
afterAll(async () => {
  await closeLocalRuntimes();
  await removeTempDirs();
});

describe('clearance pull: the opt-in platform', () => {
  it('writes holders (D1 wins over the maintainers’ file), works and their originals, and names them in release.json', async () => {
    const result = await withTarget((t) => pullRelease(release, readerFromTarget(t)));
    expect(result.optin).toMatchObject({ holders: 2, works: 4, downloaded: 3 });
    expect(await readJsonl(join(release, 'optin', 'rights-holders.jsonl'))).toEqual([{ id: 'ada-k3x9', name: 'Ada', status: 'verified' }, { id: 'bob-z1z1', name: 'Bob', status: 'pending' }]);
    const works = await readJsonl<{ id: string; image: string; sha256: string; priceMicros: number; terms: { generativeTraining: boolean } }>(join(release, 'optin', 'submissions.jsonl'));
    expect(works.map((w) => w.id)).toEqual(['sub_bob', 'sub_copy', 'sub_one', 'sub_two']);
    const one = works.find((w) => w.id === 'sub_one')!;
    expect(one).toMatchObject({ priceMicros: 250_000, terms: { generativeTraining: false } });
    expect(sha(await readFile(join(release, one.image)))).toBe(one.sha256);
    // the withdrawn work's original is never downloaded; its withdrawal is exported
    await expect(stat(join(release, works.find((w) => w.id === 'sub_two')!.image))).rejects.toThrow();
    expect(await readJsonl(join(release, 'moderation', 'withdrawals.jsonl'))).toContainEqual(expect.objectContaining({ id: 'optin:sub_two', reason: 'withdrawn by its rights holder' }));
    const json = JSON.parse(await readFile(join(release, 'release.json'), 'utf8')) as { rightsHolders: string[]; sources: { name: string; adapter: string }[] };
    expect(json.rightsHolders).toEqual(['holders.json', 'optin/rights-holders.jsonl']);
    expect(json.sources.map((s) => `${s.name}/${s.adapter}`)).toEqual(['museum/manifest', 'optin/optin']);

    // a second pull with nothing new leaves every file as it was
    const before = await Promise.all(['optin/submissions.jsonl', 'optin/rights-holders.jsonl', 'release.json'].map(async (f) => (await stat(join(release, f))).mtimeMs));
    const again = await withTarget((t) => pullRelease(release, readerFromTarget(t)));
    expect(again.optin).toMatchObject({ downloaded: 0, named: [] });
    const after = await Promise.all(['optin/submissions.jsonl', 'optin/rights-holders.jsonl', 'release.json'].map(async (f) => (await stat(join(release, f))).mtimeMs));
    expect(after).toEqual(before);
  });

  it('the next build runs every stage: accepted at the holder’s price, pending held, withdrawn rejected, a PD copy held', async () => {
    const out = join(root, 'built');
    await runCli(['build', release, '--out', out, '--quiet'], TEST_ENV);
    const d = new Map((await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).map((x) => [x.id, x]));
    expect(d.get(PD)?.status).toBe('accepted');
    expect(d.get('optin:sub_one')).toMatchObject({ status: 'accepted', reasons: [expect.objectContaining({ code: 'licence.optin' })] });
    expect(d.get('optin:sub_bob')).toMatchObject({ status: 'review', reasons: [expect.objectContaining({ code: 'licence.optin-unverified' })] });
    expect(d.get('optin:sub_two')?.status).toBe('rejected');
    expect(d.get('optin:sub_two')?.reasons.map((r) => r.code)).toContain('optout.withdrawn');
    const copy = d.get('optin:sub_copy')!;
    expect(copy.status).toBe('review');
    expect(copy.reasons.map((r) => r.code)).toContain('licence.conflict');
    expect(copy.reasons.find((r) => r.code === 'licence.conflict')?.detail).toContain(PD);
    const catalog = await readJsonl<{ id: string; licence: { id: string }; priceMicros: number; rightsHolder?: string }>(join(out, 'catalog.jsonl'));
    expect(catalog.find((r) => r.id === 'optin:sub_one')).toMatchObject({ licence: { id: 'optin' }, priceMicros: 250_000, rightsHolder: 'ada-k3x9', terms: { generativeTraining: false } });
    expect(catalog.find((r) => r.id === PD)).not.toHaveProperty('terms');
    expect(catalog.map((r) => r.id).sort()).toEqual([PD, 'optin:sub_one']);
    const reviews = await readJsonl<{ id: string }>(join(out, 'reviews.jsonl'));
    expect(reviews.map((r) => r.id).sort()).toEqual(['optin:sub_bob', 'optin:sub_copy']);

    // publish writes each opt-in decision back to its submission, for the holder's dashboard
    await withTarget((t) => publish(out, t));
    const rows = await withTarget((t) => t.query({ sql: 'SELECT id, release_status, release_reasons, release_name FROM submissions ORDER BY id', params: [] }));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('sub_two')).toMatchObject({ release_status: 'rejected', release_name: '2026-12' });
    expect(String(byId.get('sub_two')?.release_reasons)).toContain('optout.withdrawn');
    expect(byId.get('sub_copy')?.release_status).toBe('review');
    expect(byId.get('sub_one')?.release_status).toBe('accepted');
  });

  it('refuses an original whose bytes in R2 are not what was submitted, writing nothing for it', async () => {
    const other = join(root, 'release-2');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'm.jsonl'), '');
    await writeFile(join(other, 'release.json'), JSON.stringify({ name: 'x', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] }));
    await withTarget(async (t) => {
      const bytes = await picture(7);
      await submit(t, { id: 'sub_bad', holder: 'ada-k3x9', bytes, price: 1, at: '2026-12-03T00:00:00.000Z' });
      const file = join(root, 'swap.png');
      await writeFile(file, await picture(8));
      await t.putObject(`incoming/${sha(bytes).slice(0, 2)}/${sha(bytes)}.png`, file, 'image/png');
    });
    await expect(withTarget((t) => pullRelease(other, readerFromTarget(t)))).rejects.toThrow(/sub_bad.*not .* as submitted/);
    await expect(stat(join(other, 'optin', 'submissions.jsonl'))).rejects.toThrow();
  });
});
