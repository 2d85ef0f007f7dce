// One pass over the picture's frame: area-weighted RGB on a GRID×GRID grid, the only per-pixel work perceptual identity does.
// Weighted by the share of each pixel inside each cell (not "which cell holds the pixel"), so the grid does not depend
// on the resolution and a mirrored picture gives the mirrored grid exactly.
import type { Pixels, Rect } from './identity-frame.js';

export const GRID = 32;

/** For n pixels over GRID cells: each pixel's overlaps as (cell, share of the cell's extent) pairs, flattened. */
function overlaps(n: number): { cells: Int32Array; weights: Float64Array; start: Int32Array } {
  const cells: number[] = [];
  const weights: number[] = [];
  const start = new Int32Array(n + 1);
  const scale = GRID / n;
  for (let i = 0; i < n; i++) {
    start[i] = cells.length;
    const a = i * scale;
    const b = (i + 1) * scale;
    for (let c = Math.floor(a); c < Math.min(GRID, Math.ceil(b - 1e-9)); c++) {
      const w = Math.min(b, c + 1) - Math.max(a, c);
      if (w > 1e-9) {
        cells.push(c);
        weights.push(w);
      }
    }
  }
  start[n] = cells.length;
  return { cells: Int32Array.from(cells), weights: Float64Array.from(weights), start };
}

/** RGB means per cell, row-major, 3 values a cell (grey is repeated into R, G and B; alpha ignored). */
export function colourGrid(p: Pixels, r: Rect): Float64Array {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const cols = overlaps(w);
  const rows = overlaps(h);
  const grid = new Float64Array(GRID * GRID * 3);
  // One cell more than the grid: a pixel's second overlap may be an empty one past the edge (weight 0).
  const line = new Float64Array((GRID + 1) * 3);
  const { data, channels } = p;
  const grey = channels < 3;
  // A preview at least GRID pixels wide (the usual case) overlaps at most two cells a pixel: no inner loop.
  const two = w >= GRID;
  const first = new Int32Array(w);
  const w0 = new Float64Array(w);
  const w1 = new Float64Array(w);
  if (two)
    for (let x = 0; x < w; x++) {
      const k = cols.start[x]!;
      first[x] = cols.cells[k]! * 3;
      w0[x] = cols.weights[k]!;
      w1[x] = cols.start[x + 1]! - k > 1 ? cols.weights[k + 1]! : 0;
    }
  for (let y = 0; y < h; y++) {
    line.fill(0);
    let i = ((r.y0 + y) * p.width + r.x0) * channels;
    for (let x = 0; x < w; x++, i += channels) {
      const red = data[i]!;
      const green = grey ? red : data[i + 1]!;
      const blue = grey ? red : data[i + 2]!;
      if (two) {
        const c = first[x]!;
        const a = w0[x]!;
        const b = w1[x]!;
        line[c] = line[c]! + red * a;
        line[c + 1] = line[c + 1]! + green * a;
        line[c + 2] = line[c + 2]! + blue * a;
        line[c + 3] = line[c + 3]! + red * b;
        line[c + 4] = line[c + 4]! + green * b;
        line[c + 5] = line[c + 5]! + blue * b;
        continue;
      }
      for (let k = cols.start[x]!; k < cols.start[x + 1]!; k++) {
        const c = cols.cells[k]! * 3;
        const wt = cols.weights[k]!;
        line[c] = line[c]! + red * wt;
        line[c + 1] = line[c + 1]! + green * wt;
        line[c + 2] = line[c + 2]! + blue * wt;
      }
    }
    for (let k = rows.start[y]!; k < rows.start[y + 1]!; k++) {
      const base = rows.cells[k]! * GRID * 3;
      const wt = rows.weights[k]!;
      for (let c = 0; c < GRID * 3; c++) grid[base + c] = grid[base + c]! + line[c]! * wt;
    }
  }
  // Every cell covers exactly one unit of cell extent each way: the weighted sums are already means.
  return grid;
}
