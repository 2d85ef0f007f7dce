// The colour grid's area-weighted means against a direct per-pixel reference: every size, channel count and sub-rectangle.
import { describe, expect, it } from 'vitest';
import { colourGrid } from '../../../pipeline/image/identity-grid.js';
import type { Pixels, Rect } from '../../../pipeline/image/identity-frame.js';
import { prng } from '../../../pipeline/util/prng.js';

/** Each pixel's colour spread over the cells it overlaps by the share of its area in each (floating point, slow). */
function reference(p: Pixels, r: Rect, side: number): Float64Array {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const out = new Float64Array(side * side * 3);
  const overlap = (i: number, n: number, c: number) => Math.max(0, Math.min(((i + 1) * side) / n, c + 1) - Math.max((i * side) / n, c));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const at = ((r.y0 + y) * p.width + r.x0 + x) * p.channels;
      const rgb = p.channels < 3 ? [p.data[at]!, p.data[at]!, p.data[at]!] : [p.data[at]!, p.data[at + 1]!, p.data[at + 2]!];
      for (let cy = Math.floor((y * side) / h); cy < side && cy < ((y + 1) * side) / h; cy++)
        for (let cx = Math.floor((x * side) / w); cx < side && cx < ((x + 1) * side) / w; cx++) {
          const share = overlap(y, h, cy) * overlap(x, w, cx);
          for (let k = 0; k < 3; k++) out[(cy * side + cx) * 3 + k]! += share * rgb[k]!;
        }
    }
  return out;
}

describe('colour grid', () => {
  it('gives the area-weighted mean of every cell, wider or narrower than the grid, grey or RGB(A), of any rectangle', () => {
    const r = prng(64);
    for (let t = 0; t < 40; t++) {
      const width = 8 + Math.floor(r() * 150);
      const height = 8 + Math.floor(r() * 150);
      const channels = [1, 2, 3, 4][t % 4]!;
      const data = Uint8Array.from({ length: width * height * channels }, () => Math.floor(r() * 256));
      const x0 = Math.floor((r() * width) / 4);
      const y0 = Math.floor((r() * height) / 4);
      const rect = { x0, y0, x1: width - Math.floor((r() * (width - x0 - 1)) / 4), y1: height - Math.floor((r() * (height - y0 - 1)) / 4) };
      for (const side of [16, 32, 64]) {
        const got = colourGrid({ data, width, height, channels }, rect, side);
        const want = reference({ data, width, height, channels }, rect, side);
        let worst = 0;
        for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
        expect(worst, `${width}×${height}×${channels} ${JSON.stringify(rect)} over ${side}`).toBeLessThan(1e-9);
      }
    }
  });

  it('keeps a uniform picture exactly uniform', () => {
    const data = new Uint8Array(126 * 192 * 3).fill(200);
    const grid = colourGrid({ data, width: 126, height: 192, channels: 3 }, { x0: 0, y0: 0, x1: 126, y1: 192 }, 64);
    expect(new Set(grid)).toEqual(new Set([200]));
  });
});
