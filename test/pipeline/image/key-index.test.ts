// The wide-key Hamming index against a linear scan: every entry within the distance once, with its distance and lead; a narrower probe finds exactly the entries that share a chunk that close.
import { describe, expect, it } from 'vitest';
import { KeyIndex, wordLayout, type KeyLayout } from '../../../pipeline/image/key-index.js';
import { prng } from '../../../pipeline/util/prng.js';

const bits = (x: number) => {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
};
/** Bit i of a key (bit 0 the lowest of the first word). */
const bitOf = (k: Int32Array, i: number) => (k[i >> 5]! >>> (i & 31)) & 1;

function check(layout: KeyLayout, cases: readonly (readonly [max: number, lead: number, radius?: number])[]) {
  const r = prng(11);
  const word = () => (r() * 2 ** 32) | 0;
  const { words, chunk } = layout;
  const keys = Array.from({ length: 3000 }, () => Int32Array.from({ length: words }, word));
  const index = new KeyIndex<number>(layout);
  keys.forEach((k, i) => index.add(k, 0, i));
  const tables = Math.floor(layout.bits / chunk);
  for (let q = 0; q < 100; q++) {
    // Queries near stored keys (a few bits flipped in random words) and random ones.
    const query = q % 2 ? Int32Array.from(keys[q * 13]!, (w) => w ^ (r() < 0.5 ? 1 << Math.floor(r() * 32) : 0) ^ (r() < 0.3 ? 0xff << 8 : 0)) : Int32Array.from({ length: words }, word);
    for (const [max, lead, radius] of cases) {
      const expected = new Map<number, number>();
      keys.forEach((k, i) => {
        const d = k.reduce((s, w, j) => s + bits(w ^ query[j]!), 0);
        const l = k.reduce((s, w, j) => s + bits((w ^ query[j]!) & layout.lead[j]!), 0);
        // With a probe radius: only keys with some chunk within that many bits of the query's.
        let near = radius === undefined;
        for (let t = 0; t < tables && !near; t++) {
          let c = 0;
          for (let b = t * chunk; b < (t + 1) * chunk; b++) c += bitOf(k, b) ^ bitOf(query, b);
          near = c <= radius!;
        }
        if (d <= max && l <= lead && near) expected.set(i, d);
      });
      const found = new Map<number, number>();
      index.each(
        query,
        0,
        max,
        (i, d) => {
          expect(found.has(i)).toBe(false);
          found.set(i, d);
        },
        lead,
        radius,
      );
      expect(found).toEqual(expected);
    }
  }
}

describe('KeyIndex', () => {
  it('finds what a linear scan finds: every entry within the distance once, with its distance', () => {
    check(wordLayout(6), [
      [30, 64],
      [40, 8],
    ]);
  });

  it('with chunks that straddle words and a lead mask, finds with a probe radius exactly the keys that share a chunk that close', () => {
    const layout: KeyLayout = { words: 4, chunk: 12, bits: 128, lead: Int32Array.of(-1, 0x7ff, 0, 0) };
    check(layout, [
      [60, 43, 0],
      [60, 20, 1],
      [40, 99],
    ]);
  });
});
