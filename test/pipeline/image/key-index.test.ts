// The wide-key Hamming index against a linear scan: every entry within the distance once, with its distance and lead; a narrower probe finds exactly the entries that share a chunk that close.
import { describe, expect, it } from 'vitest';
import { KeyIndex, wordLayout, type KeyLayout } from '../../../pipeline/image/key-index.js';
import { prng } from '../../../pipeline/util/prng.js';

const bits = (x: number) => {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
};
/** Set bits of `x` (one word per 32 bits, bit 0 the lowest of the first word) from bit `from` up to, not including, `to`. */
function bitsBetween(x: Int32Array, from: number, to: number): number {
  let n = 0;
  for (let b = from; b < to; ) {
    const w = b >> 5;
    const lo = b & 31;
    const hi = Math.min(32, lo + (to - b));
    const mask = hi === 32 ? -1 << lo : ((1 << hi) - 1) & (-1 << lo);
    n += bits(x[w]! & mask);
    b += hi - lo;
  }
  return n;
}

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
    // The linear scan, once per query: each key's distance, distance under the lead mask, and closest chunk.
    const scan = keys.map((k) => {
      const x = k.map((w, j) => w ^ query[j]!);
      let closest = Number.POSITIVE_INFINITY;
      for (let t = 0; t < tables; t++) closest = Math.min(closest, bitsBetween(x, t * chunk, (t + 1) * chunk));
      return { d: x.reduce((s, w) => s + bits(w), 0), l: x.reduce((s, w, j) => s + bits(w & layout.lead[j]!), 0), closest };
    });
    for (const [max, lead, radius] of cases) {
      const expected = new Map<number, number>();
      // With a probe radius: only keys with some chunk within that many bits of the query's.
      scan.forEach(({ d, l, closest }, i) => {
        if (d <= max && l <= lead && (radius === undefined || closest <= radius)) expected.set(i, d);
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
