// Moderators' decisions through real builds: held items get review records with private thumbnails; approvals, rejections,
// decisions on older records and withdrawals that outrank an approval; a changed reviews file is a new build.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CatalogRecord, ReviewRecord, type ReviewDecision } from '../../../pipeline/catalog/index.js';
import { runBuild } from '../../../pipeline/runner/run-build.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../support/cli.js';

// vitest runs files in one process (no isolation): stub the setting for this file only.
beforeAll(() => void vi.stubEnv('CLEARANCE_SAFETY', 'off'));
afterAll(() => void vi.unstubAllEnvs());
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
let release: string;
let out: string;
let cache: string;
const images = new Map<string, Buffer>();
const items: Record<string, object> = {
  'held-pd': { licence: 'pd', creator: 'Anonymous' },
  'held-3p': { licence: CC0, assertedBy: 'third-party' },
  'held-stale': { licence: 'No known copyright restrictions' },
  'held-then-withdrawn': { licence: 'pd' },
  'held-untouched': { licence: 'United States Government Work' },
  ok: { licence: CC0 },
};

async function writeManifest(titles: Record<string, string> = {}): Promise<void> {
  const lines = Object.entries(items).map(([id, extra]) => JSON.stringify({ id, image: `images/${id}.png`, title: titles[id] ?? `Title ${id}`, sourceUrl: `https://example.org/${id}`, ...extra }));
  await writeFile(join(release, 'm.jsonl'), `${lines.join('\n')}\n`);
}
const writeRelease = (extra: object = {}) => writeFile(join(release, 'release.json'), JSON.stringify({ name: 'mod', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }], ...extra }));
const build = () => runBuild({ releaseDir: release, out, cacheDir: cache, concurrency: 2, log: () => {} });
const decisions = async () => new Map((await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).map((d) => [d.id, d]));
const reviews = async () => (await readJsonl(join(out, 'reviews.jsonl'))).map((r) => ReviewRecord.parse(r));
const line = (d: ReviewDecision) => `${JSON.stringify(d)}\n`;
const by = 'acct_mod_1';

let first: ReviewRecord[];

beforeAll(async () => {
  const root = await tempDir();
  release = join(root, 'release');
  out = join(root, 'out');
  cache = join(root, 'cache');
  await mkdir(join(release, 'images'), { recursive: true });
  let seed = 500;
  for (const id of Object.keys(items)) {
    const png = await drawImage({ format: 'png', width: 300, height: 200, seed: seed++ });
    images.set(id, png);
    await writeFile(join(release, 'images', `${id}.png`), png);
  }
  await writeManifest();
  await writeRelease();
  await build();
  first = await reviews();
});

afterAll(removeTempDirs);

describe('held items', () => {
  it('get one review record each, in decision order, with their evidence, source record and a private thumbnail', async () => {
    const held = [...(await decisions()).values()].filter((d) => d.status === 'review').map((d) => d.id);
    expect(held).toEqual(['s:held-pd', 's:held-3p', 's:held-stale', 's:held-then-withdrawn', 's:held-untouched']);
    expect(first.map((r) => r.id)).toEqual(held);
    const pd = first[0]!;
    expect(pd).toMatchObject({
      source: 's',
      title: 'Title held-pd',
      creator: 'Anonymous',
      sourceUrl: 'https://example.org/held-pd',
      reasons: [{ code: 'licence.pd-unmarked' }],
      statement: { licence: 'pd', sourceLicence: null, assertedBy: 'institution' },
      provenance: { release: 'mod', adapter: 'manifest', foreignId: 'held-pd' },
      sha256: sha256Hex(images.get('held-pd')!),
      width: 300,
      height: 200,
      format: 'png',
      original: { id: 'held-pd', licence: 'pd', creator: 'Anonymous' },
    });
    expect(first[1]!.statement).toEqual({ licence: CC0, sourceLicence: null, assertedBy: 'third-party' });
    for (const r of first) {
      expect(r.files!.reviewThumb).toMatch(/^review-thumb\/[0-9a-f]{2}\/[0-9a-f]{64}\.webp$/);
      const thumb = await readFile(join(out, 'files', r.files!.reviewThumb));
      expect(thumb.subarray(8, 12).toString()).toBe('WEBP');
      expect(r.files!.reviewThumb.slice(-69, -5)).toBe(sha256Hex(thumb));
    }
    expect(new Set(first.map((r) => r.evidenceHash)).size).toBe(first.length);
  });
});

describe('moderators\' decisions', () => {
  let report: Awaited<ReturnType<typeof build>>;
  let oldStaleHash: string;

  beforeAll(async () => {
    const hash = (id: string) => first.find((r) => r.id === `s:${id}`)!.evidenceHash;
    oldStaleHash = hash('held-stale');
    await mkdir(join(release, 'moderation'), { recursive: true });
    await writeFile(
      join(release, 'moderation', 'reviews.jsonl'),
      [
        line({ id: 's:held-pd', evidenceHash: hash('held-pd'), action: 'approve', licence: 'pdm-1.0', note: 'Published 1911, no notice', by, at: '2026-11-20T10:00:00.000Z' }),
        line({ id: 's:held-3p', evidenceHash: hash('held-3p'), action: 'reject', note: 'Uploader is not the photographer', by, at: '2026-11-20T10:01:00.000Z' }),
        line({ id: 's:held-stale', evidenceHash: oldStaleHash, action: 'approve', licence: 'cc0-1.0', note: 'Checked the archive', by, at: '2026-11-20T10:02:00.000Z' }),
        line({ id: 's:held-then-withdrawn', evidenceHash: hash('held-then-withdrawn'), action: 'approve', licence: 'pdm-1.0', note: 'Checked', by, at: '2026-11-20T10:03:00.000Z' }),
      ].join(''),
    );
    await writeFile(join(release, 'withdrawals.jsonl'), `${JSON.stringify({ sha256: sha256Hex(images.get('held-then-withdrawn')!), reason: 'moderator: flag upheld', at: '2026-11-21T00:00:00Z' })}\n`);
    // The record of held-stale changed after the moderator decided.
    await writeManifest({ 'held-stale': 'Title held-stale (corrected)' });
    await writeRelease({ reviews: 'moderation/reviews.jsonl', withdrawals: 'withdrawals.jsonl' });
    report = await build();
  });

  it('an approval accepts the item with the moderator\'s evidence and the approved licence', async () => {
    const d = (await decisions()).get('s:held-pd')!;
    expect(d.status).toBe('accepted');
    expect(d.reasons).toHaveLength(1);
    expect(d.reasons[0]!.code).toBe('licence.moderator-approved');
    expect(d.reasons[0]!.detail).toMatch(/approved as pdm-1\.0 by moderator acct_mod_1 on 2026-11-20T10:00:00\.000Z: Published 1911, no notice \(was held: licence\.pd-unmarked\)/);
    const records = (await readJsonl(join(out, 'catalog.jsonl'))).map((r) => CatalogRecord.parse(r));
    const rec = records.find((r) => r.id === 's:held-pd')!;
    expect(rec.licence).toEqual({
      id: 'pdm-1.0',
      url: 'https://creativecommons.org/publicdomain/mark/1.0/',
      evidence: [
        { kind: 'source-record', statement: 'pd', normalised: 'pd-unmarked', assertedBy: 'institution' },
        { kind: 'moderator', statement: 'Published 1911, no notice', normalised: 'pdm-1.0', by, at: '2026-11-20T10:00:00.000Z' },
      ],
    });
    expect(rec.files.thumb).toMatch(/^thumb\//);
  });

  it('a rejection rejects it under its own code; a withdrawal outranks an approval', async () => {
    const all = await decisions();
    expect(all.get('s:held-3p')).toMatchObject({ status: 'rejected', reasons: [{ code: 'licence.moderator-rejected', detail: expect.stringMatching(/rejected by moderator acct_mod_1 on .*: Uploader is not the photographer/) }, { code: 'licence.third-party-assertion' }] });
    expect(all.get('s:held-then-withdrawn')).toMatchObject({ status: 'rejected', reasons: [{ code: 'optout.withdrawn' }, { code: 'licence.pd-unmarked' }] });
    expect(report.stats.moderation).toEqual({ decisions: 4, approved: 1, rejected: 1, stale: 1 });
  });

  it('a decision on an older record leaves the item held, says so, and the new review record has a new hash', async () => {
    const d = (await decisions()).get('s:held-stale')!;
    expect(d.status).toBe('review');
    expect(d.reasons[0]!.detail).toMatch(/a moderator's decision \(approve by moderator acct_mod_1 on .*\) was made on other evidence .*the record changed since/);
    const now = await reviews();
    expect(now.map((r) => r.id)).toEqual(['s:held-stale', 's:held-untouched']);
    expect(now[0]!.evidenceHash).not.toBe(oldStaleHash);
    expect(now[1]!.evidenceHash).toBe(first.find((r) => r.id === 's:held-untouched')!.evidenceHash);
  });

  it('a new decision in the reviews file is a new build (not "up to date"); a bad line fails the run with file:line', async () => {
    const untouched = (await reviews()).find((r) => r.id === 's:held-untouched')!;
    await appendFile(join(release, 'moderation', 'reviews.jsonl'), line({ id: untouched.id, evidenceHash: untouched.evidenceHash, action: 'reject', note: 'State archive copy, not federal', by, at: '2026-11-22T00:00:00.000Z' }));
    const again = await build();
    expect(again.upToDate).toBeUndefined();
    expect((await decisions()).get('s:held-untouched')).toMatchObject({ status: 'rejected', reasons: [{ code: 'licence.moderator-rejected' }, { code: 'licence.pd-unmarked' }] });
    expect((await build()).upToDate).toBe(true);

    await appendFile(join(release, 'moderation', 'reviews.jsonl'), `${JSON.stringify({ id: 's:ok', evidenceHash: 'x', action: 'approve', note: 'n', by, at: 'now' })}\n`);
    await expect(build()).rejects.toThrow(/^moderation\/reviews\.jsonl:6: evidenceHash: /);
    await writeFile(join(release, 'moderation', 'reviews.jsonl'), `${line({ id: 's:ok', evidenceHash: 'a'.repeat(64), action: 'approve', note: 'n', by, at: 'now' })}`);
    await expect(build()).rejects.toThrow(/^moderation\/reviews\.jsonl:1: an approval needs a licence/);
  });
});
