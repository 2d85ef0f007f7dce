// Perceptual identity on real pixels: edited copies (resized, re-encoded, tone, border, stamp, mirror) match; different pictures do not.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../pipeline/image/identity.js';
import { formatFingerprint, formatLookup, identityFrom, parseFingerprint } from '../../../pipeline/image/identity-format.js';
import { describeMatch, IdentityIndex, OPT_OUT_MATCH } from '../../../pipeline/image/identity-index.js';
import { pictureFrame } from '../../../pipeline/image/identity-frame.js';
import { decodePreview } from '../../../pipeline/image/preview.js';
import { FingerprintText } from '../../../pipeline/catalog/index.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { corpusDir, hasCorpus, skipMessage } from '../../support/shared.js';

const identity = async (data: Buffer) => identityOf(await decodePreview(data));

async function matches(original: Buffer, copy: Buffer) {
  const index = new IdentityIndex<string>();
  index.add((await identity(original)).fingerprint, 'original');
  return index.nearest(await identity(copy));
}

describe('perceptual identity', () => {
  it('matches edited copies of a drawn picture and tells which were mirrored', async () => {
    const src = await drawImage({ format: 'png', width: 640, height: 480, seed: 31 });
    const copies = {
      resized: await sharp(src).resize(300).webp({ quality: 60 }).toBuffer(),
      brighter: await sharp(src).linear(1.1, 20).jpeg({ quality: 85 }).toBuffer(),
      bordered: await sharp(src).extend({ top: 30, bottom: 30, left: 30, right: 30, background: '#ffffff' }).png().toBuffer(),
      mirrored: await sharp(src).flop().jpeg({ quality: 85 }).toBuffer(),
    };
    for (const [name, copy] of Object.entries(copies)) {
      const m = await matches(src, copy);
      expect(m?.value, name).toBe('original');
      expect(m?.mirrored, name).toBe(name === 'mirrored');
    }
    for (let seed = 32; seed < 44; seed++) expect(await matches(src, await drawImage({ format: 'png', width: 640, height: 480, seed })), `seed ${seed}`).toBeUndefined();
  });

  it('matches cropped copies in the opt-out and dedup indexes, and says where the copy sits', async () => {
    const src = await drawImage({ format: 'png', width: 640, height: 480, seed: 31 });
    const optOut = new IdentityIndex<string>(OPT_OUT_MATCH);
    const dedup = new IdentityIndex<string>();
    for (const index of [optOut, dedup]) index.add((await identity(src)).fingerprint, 'original');
    // 6 % off the left and 2 % off the right, 3 % off the top and 4 % off the bottom
    const cropped = await identity(await sharp(src).extract({ left: 38, top: 14, width: 576, height: 446 }).jpeg({ quality: 85 }).toBuffer());
    for (const index of [optOut, dedup]) {
      const m = index.nearest(cropped);
      expect(m?.value).toBe('original');
      expect(m!.window![0]).toBeGreaterThan(0.03);
      expect(m!.window![0]).toBeLessThan(0.09);
      expect(describeMatch(m!)).toMatch(/, cropped \(the copy shows \d+–\d+ % × \d+–\d+ % of it\)$/);
      // Without its grid (an identity read from older text) a copy is looked up whole only.
      expect(index.nearest({ ...cropped, grid: undefined })).toBeUndefined();
    }
    for (let seed = 32; seed < 40; seed++) {
      const other = await identity(await sharp(await drawImage({ format: 'png', width: 640, height: 480, seed })).extract({ left: 38, top: 14, width: 576, height: 446 }).png().toBuffer());
      for (const index of [optOut, dedup]) expect(index.nearest(other), `seed ${seed}`).toBeUndefined();
    }
  });

  it('trims a uniform border but not a picture', async () => {
    const src = await drawImage({ format: 'png', width: 200, height: 100, seed: 5 });
    const framed = await decodePreview(await sharp(src).extend({ top: 10, bottom: 10, left: 20, right: 20, background: '#204060' }).png().toBuffer());
    const f = pictureFrame(framed);
    expect(Math.abs(f.x0 - 20)).toBeLessThanOrEqual(2);
    expect(Math.abs(f.y1 - (framed.height - 10))).toBeLessThanOrEqual(2);
    const plain = await decodePreview(await sharp({ create: { width: 120, height: 80, channels: 3, background: '#808080' } }).png().toBuffer());
    const p = pictureFrame(plain);
    expect(p.x1 - p.x0).toBeGreaterThanOrEqual(72); // at most 20 % of a side goes
  });

  it('writes a fingerprint as pid1 text and reads it back', async () => {
    const id = await identity(await drawImage({ format: 'png', width: 320, height: 240, seed: 3 }));
    const text = formatFingerprint(id.fingerprint);
    expect(FingerprintText.safeParse(text).success).toBe(true);
    expect(parseFingerprint(text)).toEqual(id.fingerprint);
    expect(identityFrom(text, formatLookup(id))).toEqual(id);
    expect(id.grid).toHaveLength(64 * 64 * 3);
    // Look-up text written with the 32×32 grid still reads with it (identity-crop.ts aligns with either).
    const older = { ...id, grid: id.grid!.subarray(0, 32 * 32 * 3) };
    expect(identityFrom(text, formatLookup(older)).grid).toEqual(older.grid);
    // Look-up text of the forms written before the grid existed still reads (without a grid).
    expect(identityFrom(text, id.mirrorHash)).toEqual({ fingerprint: id.fingerprint, mirrorHash: id.mirrorHash });
  });

  it.skipIf(!hasCorpus)('keeps apart two paintings of the same fruit, matches a brightened copy', async () => {
    const img = (n: number) => readFile(join(corpusDir, 'pomological/images', `image-${n}.jpg`));
    // 443 and 546: two apple paintings whose DCT hashes are within 4 bits of each other.
    expect(await matches(await img(443), await img(546))).toBeUndefined();
    const brighter = await sharp(await img(443)).linear(1.1, 12).webp({ quality: 80 }).toBuffer();
    expect((await matches(await img(443), brighter))?.value).toBe('original');
  });
  it.skipIf(!hasCorpus)('finds a cropped copy of a corpus painting in the opt-out indexes, not a painting of the same fruit', async () => {
    const img = (n: number) => readFile(join(corpusDir, 'pomological/images', `image-${n}.jpg`));
    // 2798: a crop this size (8 % × 7 %) was missed with the copy's 32×32 grid and a window further than 8 not refined.
    const src = await img(2798);
    const { width = 0, height = 0 } = await sharp(src).metadata();
    // 3 % off the left and 5 % off the right, 6 % off the top and 1 % off the bottom
    const [left, right, top, bottom] = [0.03 * width, 0.05 * width, 0.06 * height, 0.01 * height].map(Math.round) as [number, number, number, number];
    const cropped = await sharp(src).extract({ left, top, width: width - left - right, height: height - top - bottom }).jpeg({ quality: 85 }).toBuffer();
    const optOut = new IdentityIndex<string>(OPT_OUT_MATCH);
    optOut.add((await identity(src)).fingerprint, 'original');
    const m = optOut.nearest(await identity(cropped));
    expect(m?.value).toBe('original');
    expect(m!.window![0]).toBeCloseTo(0.03, 1);
    // 503 and 497: two paintings of cut oranges, the closest distinct pair as cropped copies (pipeline/README.md).
    const oranges = new IdentityIndex<string>(OPT_OUT_MATCH);
    oranges.add((await identity(await img(503))).fingerprint, '503');
    const other = await img(497);
    const { width: w = 0, height: h = 0 } = await sharp(other).metadata();
    for (const copy of [other, await sharp(other).extract({ left: 4, top: 6, width: w - 10, height: h - 12 }).jpeg({ quality: 85 }).toBuffer()])
      expect(oranges.nearest(await identity(copy))).toBeUndefined();
  });

  it.skipIf(!hasCorpus)('finds a crop further from every crop window than the search used to reach, and where it sits', async () => {
    // 2353: 9 % off the width and 10 % off the height, unevenly: missed when the search started from the 15 windows.
    const src = await readFile(join(corpusDir, 'pomological/images', 'image-2353.jpg'));
    const { width = 0, height = 0 } = await sharp(src).metadata();
    const [left, right, top, bottom] = [0.05 * width, 0.04 * width, 0.02 * height, 0.08 * height].map(Math.round) as [number, number, number, number];
    const cropped = await sharp(src).extract({ left, top, width: width - left - right, height: height - top - bottom }).jpeg({ quality: 85 }).toBuffer();
    const optOut = new IdentityIndex<string>(OPT_OUT_MATCH);
    optOut.add((await identity(src)).fingerprint, 'original');
    const m = optOut.nearest(await identity(cropped));
    expect(m?.value).toBe('original');
    const truth = [left / width, 1 - right / width, top / height, 1 - bottom / height];
    m!.window!.forEach((v, i) => expect(Math.abs(v - truth[i]!), `side ${i}`).toBeLessThan(0.01));
  });

  it.skipIf(!hasCorpus)('finds a copy of a corpus painting in a saturated border whose colour JPEG smears into the picture', async () => {
    const src = await readFile(join(corpusDir, 'pomological/images', 'image-6196.jpg'));
    const bordered = await sharp(src).extend({ top: 5, bottom: 5, left: 5, right: 5, background: { r: 26, g: 101, b: 171 } }).jpeg({ quality: 90 }).toBuffer();
    const id = await identity(bordered);
    expect(id.framed).toBeDefined();
    expect(id.reframed?.length).toBeGreaterThan(0);
    expect(identityFrom(formatFingerprint(id.fingerprint), formatLookup(id))).toEqual(id);
    expect((await matches(src, bordered))?.value).toBe('original');
  });
  if (!hasCorpus) it.skip(skipMessage('corpus'), () => {});
});
