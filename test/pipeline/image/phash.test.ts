// pHash + colour fingerprint on real pixels: copies that were resized or re-encoded match, different pictures do not.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { colourDistance, colourPrint } from '../../../pipeline/image/fingerprint.js';
import { hamming, phash } from '../../../pipeline/image/phash.js';
import { decodePreview } from '../../../pipeline/image/preview.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { corpusDir, hasCorpus, skipMessage } from '../../support/shared.js';

async function sig(data: Buffer) {
  const p = await decodePreview(data);
  return { hash: phash(p.data, p.width, p.height, p.channels), print: colourPrint(p) };
}

/** The rule before perceptual identity (issue #17), which these primitives served. */
const NEAR_DUPLICATE = { maxHashDistance: 10, maxColourDifference: 4.5 };

function near(a: Awaited<ReturnType<typeof sig>>, b: Awaited<ReturnType<typeof sig>>): boolean {
  return hamming(a.hash, b.hash) <= NEAR_DUPLICATE.maxHashDistance && colourDistance(a.print, b.print) <= NEAR_DUPLICATE.maxColourDifference;
}

describe('near-duplicate signature', () => {
  it('matches resized and re-encoded copies of a drawn picture, not other pictures', async () => {
    const src = await drawImage({ format: 'png', width: 640, height: 480, seed: 31 });
    const s = await sig(src);
    expect(s.hash).toMatch(/^[0-9a-f]{16}$/);
    for (const copy of [
      await sharp(src).resize(600).webp({ quality: 75 }).toBuffer(),
      await sharp(src).jpeg({ quality: 50 }).toBuffer(),
      await sharp(src).resize(200).png().toBuffer(),
    ]) {
      expect(near(s, await sig(copy))).toBe(true);
    }
    for (let seed = 32; seed < 52; seed++) {
      expect(near(s, await sig(await drawImage({ format: 'png', width: 640, height: 480, seed }))), `seed ${seed}`).toBe(false);
    }
  });

  it.skipIf(!hasCorpus)('keeps apart distinct pomological paintings whose pHash is only 2 bits apart', async () => {
    const img = (n: number) => readFile(join(corpusDir, 'pomological/images', `image-${n}.jpg`));
    const a = await sig(await img(443));
    const b = await sig(await img(546));
    expect(hamming(a.hash, b.hash)).toBeLessThanOrEqual(4);
    expect(near(a, b)).toBe(false);
    expect(near(a, await sig(await sharp(await img(443)).resize(110).webp().toBuffer()))).toBe(true);
  });
  if (!hasCorpus) it.skip(skipMessage('corpus'), () => {});
});
