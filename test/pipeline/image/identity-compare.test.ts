// The prepared tone-fitted comparison (one print against many candidates) gives what the one-off comparison gives.
import { describe, expect, it } from 'vitest';
import { printSums, TonedPrint, toneFittedDistance } from '../../../pipeline/image/identity-compare.js';
import { prng } from '../../../pipeline/util/prng.js';

const CELLS = 16 * 16 * 3;

describe('TonedPrint', () => {
  it('equals toneFittedDistance, mirrored or not, with clipped cells, and stops past the limit', () => {
    const r = prng(1717);
    for (let t = 0; t < 200; t++) {
      const a = Uint8Array.from({ length: CELLS }, () => Math.floor(r() * 256));
      // b: a tone-edited, noisy copy of a (or of its mirror), some cells clipped to 0 or 255.
      const gain = 0.8 + r() * 0.5;
      const noise = t % 3 === 0 ? 60 : 6;
      const b = a.map((v) => Math.max(0, Math.min(255, Math.round(gain * v + 20 - 40 * r() + noise * (r() - 0.5)))));
      if (t % 4 === 0) for (let i = 0; i < 40; i++) b[Math.floor(r() * CELLS)] = r() < 0.5 ? 0 : 255;
      for (const mirror of [false, true]) {
        const toned = new TonedPrint(b, mirror);
        const exact = toneFittedDistance(a, b, mirror);
        expect(toned.distance(a)).toBeCloseTo(exact, 9);
        // With the candidate's sums worked out beforehand (as an index holds them), at an offset.
        const sums = new Float64Array(12);
        printSums(a, sums, 6);
        expect(toned.distance(a, Infinity, sums, 6)).toBeCloseTo(exact, 9);
        for (const limit of [exact * 0.5, exact * 2])
          expect(toned.distance(a, limit), `limit ${limit}`).toBe(limit < exact ? Infinity : toned.distance(a));
      }
    }
  });

  it('cannot compare prints of another size', () => {
    expect(new TonedPrint(new Uint8Array(CELLS)).distance(new Uint8Array(12))).toBe(Infinity);
  });
});
