// `clearance merge`: three shard builds merged equal one whole build byte for byte; incomplete or mixed sets are refused;
// a failed merge leaves the previous output intact.
import { createHash } from 'node:crypto';
import { appendFile, cp, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../../pipeline/runner/shard.js';
import { readJsonl, removeTempDirs, runCli, tempDir, type DecisionLine } from '../support/cli.js';

// One run time for every build (catalogue records carry it), and one item at a time: libvips' error text for a
// truncated JPEG is not stable when several decodes fail at once, which would differ between any two builds.
const ENV = { SOURCE_DATE_EPOCH: '1790000000' };
const ONE = ['--concurrency', '1', '--quiet'];
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';

let root: string;
let release: string;

async function keys(dir: string): Promise<string[]> {
  const all = await readdir(join(dir, 'files'), { recursive: true, withFileTypes: true });
  return all.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length)).sort();
}

async function sha(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** Ids `sample:<prefix>-<i>` chosen by shard, so the test does not depend on luck. */
function idsWhere(prefix: string, want: (shard: number) => boolean, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) if (want(shardOf(`sample:${prefix}-${i}`, 3))) out.push(`${prefix}-${i}`);
  return out;
}

async function build(out: string, cache: string, shard?: string): Promise<void> {
  const r = await runCli(['build', release, '--out', out, '--cache', cache, ...ONE, ...(shard ? ['--shard', shard] : [])], ENV);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(async () => {
  root = await tempDir();
  release = join(root, 'release');
  const s = await runCli(['sample', release, '--count', '110']);
  expect(s.code, s.stderr).toBe(0);
  // Make sure duplicates cross shards: exact copies and near copies of dup-first in the other shards, and copies of
  // dup-near-recompressed in its own shard (a shard-local dedup would call them copies of an item a whole build demotes).
  const manifest = join(release, 'manifest.jsonl');
  const text = await readFile(manifest, 'utf8');
  const imageOf = (id: string) => (JSON.parse(text.split('\n').find((l) => l.includes(`"id":"${id}"`))!) as { image: string }).image;
  const first = shardOf('sample:dup-first', 3);
  const near = shardOf('sample:dup-near-recompressed', 3);
  const extra = [
    ...idsWhere('xshard-copy', (k) => k !== first, 2).map((id) => ({ id, image: imageOf('dup-first') })),
    ...idsWhere('xshard-near', (k) => k !== first, 2).map((id) => ({ id, image: imageOf('dup-near-recompressed') })),
    ...idsWhere('xshard-chain', (k) => k === near, 1).map((id) => ({ id, image: imageOf('dup-near-recompressed') })),
    // Edited copies in other shards: mirrored and brightened, then framed (perceptual identity across shards).
    ...idsWhere('xshard-edited', (k) => k !== first, 2).map((id) => ({ id, image: `images/${id}.png` })),
    // A mirrored copy of an item withdrawn by id, in another shard: refused with the withdrawal's code.
    ...idsWhere('xshard-optout', (k) => k !== shardOf('sample:optout-withdrawn-id', 3), 1).map((id) => ({ id, image: `images/${id}.png` })),
  ];
  const firstBytes = await readFile(join(release, imageOf('dup-first')));
  const [mirroredId, framedId, optedOutCopyId] = extra.slice(-3).map((e) => e.id);
  await writeFile(join(release, `images/${optedOutCopyId}.png`), await sharp(await readFile(join(release, imageOf('optout-withdrawn-id')))).flop().png().toBuffer());
  await writeFile(join(release, `images/${mirroredId}.png`), await sharp(firstBytes).flop().linear(1.08, 5).png().toBuffer());
  await writeFile(join(release, `images/${framedId}.png`), await sharp(firstBytes).extend({ top: 20, bottom: 20, left: 20, right: 20, background: '#000000' }).png().toBuffer());
  await appendFile(manifest, extra.map((e) => `${JSON.stringify({ ...e, title: e.id, licence: CC0 })}\n`).join(''));

  await build(join(root, 'whole'), join(root, 'cache-whole'));
  for (const k of [0, 1, 2]) await build(join(root, `s${k}`), join(root, `cache-${k}`), `${k}/3`);
}, 240_000);

afterAll(removeTempDirs);

describe('clearance merge', () => {
  it('merges three shards into exactly what one whole build writes', async () => {
    const merged = join(root, 'merged');
    const r = await runCli(['merge', join(root, 's2'), join(root, 's0'), join(root, 's1'), '--out', merged], ENV);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/clearance merge: \d+ items/);
    const whole = join(root, 'whole');
    for (const f of ['catalog.jsonl', 'decisions.jsonl', 'reviews.jsonl', 'signals.jsonl', 'signal-sources.json', 'opted-out.jsonl']) expect(await sha(join(merged, f)), f).toBe(await sha(join(whole, f)));
    expect(await keys(merged)).toEqual(await keys(whole));
    // Held items crossed shards too: every shard held some, and their private thumbnails came along.
    const held = await readJsonl<{ id: string; files?: { reviewThumb: string } }>(join(whole, 'reviews.jsonl'));
    expect(new Set(held.map((r) => shardOf(r.id, 3))).size).toBe(3);
    expect((await keys(merged)).filter((k) => k.startsWith('/files/review-thumb/'))).toEqual(
      [...new Set(held.map((r) => `/files/${r.files!.reviewThumb}`))].sort(),
    );

    const [a, b] = await Promise.all([whole, merged].map(async (d) => JSON.parse(await readFile(join(d, 'report.json'), 'utf8'))));
    expect(b.items).toEqual(a.items);
    expect(b.sources).toEqual(a.sources);
    expect(b.stats.dedup).toEqual(a.stats.dedup);
    expect(b.shards.map((s: { k: number }) => s.k)).toEqual([0, 1, 2]);
    await readFile(join(merged, 'report.html'), 'utf8');

    // Duplicates really crossed shards: the first of the pair was built by another machine.
    const decisions = await readJsonl<DecisionLine>(join(whole, 'decisions.jsonl'));
    const crossing = (code: string) =>
      decisions.filter((d) => d.reasons[0]!.code === code).filter((d) => {
        const firstId = /(?:as|like) (\S+)/.exec(d.reasons[0]!.detail)![1]!;
        return shardOf(d.id, 3) !== shardOf(firstId, 3);
      });
    expect(crossing('image.duplicate').length).toBeGreaterThanOrEqual(2);
    expect(crossing('image.near-duplicate').length).toBeGreaterThanOrEqual(2);
    const chain = decisions.find((d) => d.id.startsWith('sample:xshard-chain-'))!;
    expect(chain.reasons[0]).toMatchObject({ code: 'image.near-duplicate' });
    expect(chain.reasons[0]!.detail).toMatch(/looks like sample:dup-first /);
    const edited = decisions.filter((d) => d.id.startsWith('sample:xshard-edited-'));
    expect(edited.map((d) => d.reasons[0]!.code)).toEqual(['image.near-duplicate', 'image.near-duplicate']);
    expect(edited[0]!.reasons[0]!.detail).toMatch(/^looks like sample:dup-first \(perceptual match: .*, mirrored\)$/);
    const optedOutCopy = decisions.find((d) => d.id.startsWith('sample:xshard-optout-'))!;
    expect(optedOutCopy.reasons[0]).toMatchObject({ code: 'optout.withdrawn' });
    expect(optedOutCopy.reasons[0]!.detail).toMatch(/^looks like the opted-out sample:optout-withdrawn-id, refused for optout\.withdrawn: .*, mirrored\)$/);
    expect((await readJsonl<{ id: string }>(join(merged, 'opted-out.jsonl'))).map((o) => o.id)).toContain('sample:optout-withdrawn-id');
  });

  it('refuses incomplete, repeated and mixed shard sets with exit 2', async () => {
    const out = join(root, 'refused');
    const s = (k: number) => join(root, `s${k}`);
    const missing = await runCli(['merge', s(0), s(2), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/incomplete shard set: missing shard 1\/3/);
    const twice = await runCli(['merge', s(0), s(1), s(1), s(2), '--out', out]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/shard 1\/3 given twice/);

    const other = join(root, 'other-n');
    await build(other, join(root, 'cache-0'), '0/2');
    const mixedN = await runCli(['merge', s(0), s(1), s(2), other, '--out', out]);
    expect(mixedN.code).toBe(2);
    expect(mixedN.stderr).toMatch(/N=2/);

    const renamed = join(root, 'renamed');
    await cp(s(1), renamed, { recursive: true });
    const manifest = JSON.parse(await readFile(join(renamed, 'shard.json'), 'utf8'));
    await writeFile(join(renamed, 'shard.json'), JSON.stringify({ ...manifest, release: 'another-release' }));
    const mixedRelease = await runCli(['merge', s(0), renamed, s(2), '--out', out]);
    expect(mixedRelease.code).toBe(2);
    expect(mixedRelease.stderr).toMatch(/different release/);

    const whole = await runCli(['merge', join(root, 'whole'), '--out', out]);
    expect(whole.code).toBe(2);
    expect(whole.stderr).toMatch(/no shard\.json/);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('leaves the previous output intact when a merge fails, and replaces it whole when one succeeds', async () => {
    const out = join(root, 'atomic');
    const ok = await runCli(['merge', join(root, 's0'), join(root, 's1'), join(root, 's2'), '--out', out, '--quiet'], ENV);
    expect(ok.code, ok.stderr).toBe(0);
    const before = await sha(join(out, 'decisions.jsonl'));
    const beforeKeys = await keys(out);

    const damaged = join(root, 'damaged');
    await cp(join(root, 's2'), damaged, { recursive: true });
    const size = (await readFile(join(damaged, 'decisions.jsonl'))).length;
    await truncate(join(damaged, 'decisions.jsonl'), Math.floor(size / 2));
    const bad = await runCli(['merge', join(root, 's0'), join(root, 's1'), damaged, '--out', out], ENV);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/damaged\/decisions\.jsonl (ended early|line \d+ is not JSON)/);
    expect(await sha(join(out, 'decisions.jsonl'))).toBe(before);
    expect(await keys(out)).toEqual(beforeKeys);
    expect((await readdir(root)).filter((n) => n.startsWith('.atomic.'))).toEqual([]);

    const again = await runCli(['merge', join(root, 's0'), join(root, 's1'), join(root, 's2'), '--out', out, '--quiet', '--previous', join(root, 'whole')], ENV);
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.diff).toMatchObject({ added: [], removed: [], changed: [] });
    expect(report.diff.unchanged).toBe((await readJsonl(join(root, 'whole', 'catalog.jsonl'))).length);
    // With --previous too, the merge judges as a whole build does (the previous output's opted-out pictures first).
    const wholeAgain = join(root, 'whole-again');
    const r = await runCli(['build', release, '--out', wholeAgain, '--cache', join(root, 'cache-whole'), ...ONE, '--previous', join(root, 'whole')], ENV);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['decisions.jsonl', 'catalog.jsonl', 'opted-out.jsonl']) expect(await sha(join(out, f)), f).toBe(await sha(join(wholeAgain, f)));
    const copy = (await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).find((d) => d.id.startsWith('sample:xshard-optout-'))!;
    expect(copy.reasons[0]!.detail).toMatch(/^looks like the opted-out sample:optout-withdrawn-id \(previous release\), refused for optout\.withdrawn: /);
  });
});
