// Perceptual identity on real pixels: edited copies (resized, re-encoded, tone, border, stamp, mirror) match; different pictures do not.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { identityOf } from '../../../pipeline/image/identity.js';
import { formatFingerprint, formatLookup, identityFrom, parseFingerprint } from '../../../pipeline/image/identity-format.js';
import { IdentityIndex } from '../../../pipeline/image/identity-index.js';
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
  });

  it.skipIf(!hasCorpus)('keeps apart two paintings of the same fruit, matches a brightened copy', async () => {
    const img = (n: number) => readFile(join(corpusDir, 'pomological/images', `image-${n}.jpg`));
    // 443 and 546: two apple paintings whose DCT hashes are within 4 bits of each other.
    expect(await matches(await img(443), await img(546))).toBeUndefined();
    const brighter = await sharp(await img(443)).linear(1.1, 12).webp({ quality: 80 }).toBuffer();
    expect((await matches(await img(443), brighter))?.value).toBe('original');
  });
  if (!hasCorpus) it.skip(skipMessage('corpus'), () => {});
});
