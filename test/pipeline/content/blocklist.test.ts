// Blocklists through the image stage: exact SHA-256 and perceptual-hash matches are rejected, the detail names only the
// list, and listed bytes never reach the file store or the image cache (also when an earlier run had stored them).
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Release } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { identityOf } from '../../../pipeline/image/identity.js';
import { hamming } from '../../../pipeline/image/phash.js';
import { decodePreview } from '../../../pipeline/image/preview.js';
import { pictureSvg } from '../../../pipeline/sample/draw.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';

let dir: string;
const bytes: Record<string, Buffer> = {};
let listedSha: string;
let listedPhash: string;

const picture = (seed: number, w = 400, h = 300) => sharp(Buffer.from(pictureSvg(seed, w, h)));
/** The hash a perceptual list holds: perceptual identity's (the catalogue record's `phash`). */
const phashOf = async (data: Buffer) => identityOf(await decodePreview(data)).fingerprint.hash;

function ctx(release: Release): StageContext {
  return { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now: '2026-12-01T00:00:00Z', log: () => {} };
}

async function run(release: Release, names: string[]): Promise<Record<string, string[]>> {
  const c = ctx(release);
  const stage = imageStage();
  await stage.setup?.(c);
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const w: WorkItem = { index: 0, id: `s:${name}`, source: release.sources[0]!, item: { id: `s:${name}`, foreignId: name, image: `images/${name}`, tags: [], metadataSha256: '0'.repeat(64) }, reasons: [], models: {} };
    await stage.process(w, c);
    out[name] = w.reasons.map((r) => `${r.code}: ${r.detail}`);
  }
  return out;
}

async function storedOriginals(): Promise<number> {
  const root = join(dir, 'cache/files/original');
  const subs = await readdir(root).catch(() => [] as string[]);
  let n = 0;
  for (const s of subs) n += (await readdir(join(root, s))).length;
  return n;
}

const base = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'x' }] };
const withLists = Release.parse({ ...base, blocklists: [{ name: 'hotline-exact', sha256: 'lists/exact.txt' }, { name: 'hotline-perceptual', phash: 'lists/phash.txt', maxDistance: 6 }] });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-blocklist-'));
  await mkdir(join(dir, 'images'));
  await mkdir(join(dir, 'lists'));
  bytes['exact.jpg'] = await picture(31_001).jpeg().toBuffer();
  // The list holds the pHash of one version of a picture; the release has a smaller, re-encoded copy of it.
  const listedVersion = await picture(31_002, 800, 600).png().toBuffer();
  const mark = await sharp({ create: { width: 40, height: 16, channels: 3, background: '#ffffff' } }).png().toBuffer();
  bytes['copy.jpg'] = await picture(31_002, 400, 300).composite([{ input: mark, left: 350, top: 278 }]).jpeg({ quality: 60 }).toBuffer();
  bytes['clean.jpg'] = await picture(31_003).jpeg().toBuffer();
  for (const [n, b] of Object.entries(bytes)) await writeFile(join(dir, 'images', n), b);
  listedSha = sha256Hex(bytes['exact.jpg']);
  listedPhash = await phashOf(listedVersion);
  await writeFile(join(dir, 'lists/exact.txt'), `# exact list\n\nsha256:${listedSha.toUpperCase()}\n${'0'.repeat(64)}\n`);
  await writeFile(join(dir, 'lists/phash.txt'), `${listedPhash}\nffffffffffffffff\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('blocklists in the image stage', () => {
  it('rejects exact and perceptual matches without echoing an entry, and stores only the clean image', async () => {
    const d = hamming(await phashOf(bytes['copy.jpg']!), listedPhash); // a real near match, not the same hash
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(6);
    const got = await run(withLists, Object.keys(bytes));
    expect(got).toEqual({
      'exact.jpg': ['content.blocklisted: on blocklist "hotline-exact" (exact SHA-256)'],
      'copy.jpg': ['content.blocklisted: on blocklist "hotline-perceptual" (perceptual hash)'],
      'clean.jpg': [],
    });
    expect(JSON.stringify(got)).not.toMatch(new RegExp(`${listedSha}|${listedPhash}`, 'i'));
    expect(await storedOriginals()).toBe(1);
    const cache = new Cache(join(dir, 'cache'));
    expect(await cache.get('image', imageStage().version, listedSha)).toBeUndefined();
    expect(await cache.get('image', imageStage().version, sha256Hex(bytes['copy.jpg']!))).toBeUndefined();
    expect(await cache.get('image', imageStage().version, sha256Hex(bytes['clean.jpg']!))).toBeDefined();
  });

  it('removes what a run before the lists had stored', async () => {
    await rm(join(dir, 'cache'), { recursive: true, force: true });
    expect(await run(Release.parse(base), Object.keys(bytes))).toEqual({ 'exact.jpg': [], 'copy.jpg': [], 'clean.jpg': [] });
    expect(await storedOriginals()).toBe(3);
    const got = await run(withLists, Object.keys(bytes));
    expect(Object.values(got).map((r) => r.length)).toEqual([1, 1, 0]);
    expect(await storedOriginals()).toBe(1);
  });

  it('refuses a malformed list or a list entry without a file', async () => {
    await writeFile(join(dir, 'lists/bad.txt'), `${listedSha}\nnot-a-hash\n`);
    const bad = Release.parse({ ...base, blocklists: [{ name: 'bad', sha256: 'lists/bad.txt' }] });
    await expect(imageStage().setup!(ctx(bad))).rejects.toThrow('blocklist lists/bad.txt line 2: not a SHA-256 hash');
    expect(Release.safeParse({ ...base, blocklists: [{ name: 'empty' }] }).success).toBe(false);
    expect(Release.safeParse({ ...base, blocklists: [{ name: 'far', phash: 'x', maxDistance: 40 }] }).success).toBe(false);
  });
});
