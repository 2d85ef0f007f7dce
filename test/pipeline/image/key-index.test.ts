// The wide-key Hamming index against a linear scan: every entry within the distance, once, with its distance.
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../../pipeline/image/key-index.js';
import { prng } from '../../../pipeline/util/prng.js';

const WORDS = 6;
const bits = (x: number) => {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
};

describe('KeyIndex', () => {
  it('finds what a linear scan finds: every entry within the distance once, with its distance', () => {
    const r = prng(11);
    const word = () => (r() * 2 ** 32) | 0;
    const keys = Array.from({ length: 3000 }, () => Int32Array.from({ length: WORDS }, word));
    const index = new KeyIndex<number>(WORDS);
    keys.forEach((k, i) => index.add(k, 0, i));
    for (let q = 0; q < 100; q++) {
      // Queries near stored keys (a few bits flipped in random words) and random ones.
      const query = q % 2 ? Int32Array.from(keys[q * 13]!, (w) => w ^ (r() < 0.5 ? 1 << Math.floor(r() * 32) : 0) ^ (r() < 0.3 ? 0xff << 8 : 0)) : Int32Array.from({ length: WORDS }, word);
      for (const [max, lead] of [
        [30, 64],
        [40, 8],
      ] as const) {
        const expected = new Map<number, number>();
        keys.forEach((k, i) => {
          const d = k.reduce((s, w, j) => s + bits(w ^ query[j]!), 0);
          if (d <= max && bits(k[0]! ^ query[0]!) + bits(k[1]! ^ query[1]!) <= lead) expected.set(i, d);
        });
        const found = new Map<number, number>();
        index.each(query, 0, max, (i, d) => {
          expect(found.has(i)).toBe(false);
          found.set(i, d);
        }, lead);
        expect(found).toEqual(expected);
      }
    }
  });
});
