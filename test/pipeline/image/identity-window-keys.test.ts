// Crop-window keys against a direct computation: each window resampled pixel by pixel, its DCT taken, the signs read.
import { describe, expect, it } from 'vitest';
import { lowFrequencies } from '../../../pipeline/image/identity-hash.js';
import { CROPS, cropKeys, KEY_WORDS, SHORT_BITS, SHORT_LUMA, SHORT_WORDS, shortCropKeys, shortWholeKey, wholeKey } from '../../../pipeline/image/identity-window-keys.js';
import { prng } from '../../../pipeline/util/prng.js';

const S = 16;

/** A smooth random print (sums of a few waves per channel), 16×16 RGB. */
function print(seed: number): Uint8Array {
  const r = prng(seed);
  const waves = Array.from({ length: 9 }, () => [r() * 4, r() * 4, r() * 6, 40 + r() * 60] as const);
  const p = new Uint8Array(S * S * 3);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++)
      for (let c = 0; c < 3; c++) {
        let v = 128;
        for (let k = c; k < 9; k += 3) v += waves[k]![3] * Math.sin(waves[k]![0] * (x / S) * 3 + waves[k]![1] * (y / S) * 3 + waves[k]![2]);
        p[(y * S + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
  return p;
}

/** The window of a plane resampled bilinearly to 16×16, sample by sample. */
function resample(plane: Float64Array, [x0, x1, y0, y1]: readonly number[]): Float64Array {
  const out = new Float64Array(S * S);
  const pos = (a: number) => {
    const f = a * S - 0.5;
    const i = Math.max(0, Math.min(S - 2, Math.floor(f)));
    return [i, Math.max(0, Math.min(1, f - i))] as const;
  };
  for (let j = 0; j < S; j++) {
    const [iy, ty] = pos(y0! + ((j + 0.5) / S) * (y1! - y0!));
    for (let i = 0; i < S; i++) {
      const [ix, tx] = pos(x0! + ((i + 0.5) / S) * (x1! - x0!));
      const at = (yy: number, xx: number) => plane[yy * S + xx]!;
      out[j * S + i] = (at(iy, ix) * (1 - tx) + at(iy, ix + 1) * tx) * (1 - ty) + (at(iy + 1, ix) * (1 - tx) + at(iy + 1, ix + 1) * tx) * ty;
    }
  }
  return out;
}

/** The 63 sign bits (all coefficients but the constant one, row by row) as two words. */
function signs(coeffs: Float64Array): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < 64; i++)
    if (coeffs[i]! > 0) {
      if (i - 1 < 32) lo |= 1 << (i - 1);
      else hi |= 1 << (i - 33);
    }
  return [lo, hi];
}

function directKey(p: Uint8Array, w: readonly number[]): number[] {
  const planes = [new Float64Array(S * S), new Float64Array(S * S), new Float64Array(S * S)];
  for (let i = 0; i < S * S; i++) {
    const [r, g, b] = [p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!];
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    planes[0]![i] = l;
    planes[1]![i] = b - l;
    planes[2]![i] = r - l;
  }
  return planes.flatMap((plane) => signs(lowFrequencies(resample(plane, w), S)));
}

describe('crop-window keys', () => {
  it('equal the signs of each resampled window’s DCT, and the whole key the whole print’s', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const p = print(seed);
      const keys = Array.from(cropKeys(p));
      expect(keys).toHaveLength(CROPS.length * KEY_WORDS);
      CROPS.forEach((w, k) => expect(keys.slice(k * KEY_WORDS, (k + 1) * KEY_WORDS), `seed ${seed} window ${k}`).toEqual(directKey(p, w)));
      expect(Array.from(wholeKey(p))).toEqual(directKey(p, [0, 1, 0, 1]));
    }
  });

  it('do not change with brightness and contrast (gain and offset per channel)', () => {
    // Exact in integers: halved, then doubled plus one.
    const p = print(7).map((v) => v >> 1);
    const keys = Array.from(cropKeys(p));
    expect(Array.from(cropKeys(p.map((v) => 2 * v + 1)))).toEqual(keys);
    expect(Array.from(cropKeys(p.map((v) => v + 40)))).toEqual(keys);
  });

  it('short keys: the chosen bits of each plane of the full keys, luma first, and the lead mask their luma bits', () => {
    const bit = (k: readonly number[], i: number) => (k[i >> 5]! >>> (i & 31)) & 1;
    const short = (full: readonly number[]) => {
      const out = new Array<number>(SHORT_WORDS).fill(0);
      SHORT_BITS.flatMap((bits, plane) => bits.map((b) => plane * 64 + b)).forEach((i, j) => {
        out[j >> 5] = (out[j >> 5]! | (bit(full, i) << (j & 31))) | 0;
      });
      return out;
    };
    expect(SHORT_BITS.reduce((n, b) => n + b.length, 0)).toBe(SHORT_WORDS * 32);
    for (let seed = 1; seed <= 20; seed++) {
      const p = print(seed);
      const full = Array.from(cropKeys(p));
      const keys = Array.from(shortCropKeys(p));
      expect(keys).toHaveLength(CROPS.length * SHORT_WORDS);
      CROPS.forEach((_, k) => expect(keys.slice(k * SHORT_WORDS, (k + 1) * SHORT_WORDS), `seed ${seed} window ${k}`).toEqual(short(full.slice(k * KEY_WORDS, (k + 1) * KEY_WORDS))));
      expect(Array.from(shortWholeKey(p))).toEqual(short(Array.from(wholeKey(p))));
    }
    const lumaBits = Array.from(SHORT_LUMA).reduce((n, m) => n + [...Array(32).keys()].filter((b) => (m >>> b) & 1).length, 0);
    expect(lumaBits).toBe(SHORT_BITS[0].length);
    expect(SHORT_LUMA[0]).toBe(-1); // the luma bits come first
  });
});
