// One pass over the picture's frame: area-weighted RGB on a GRID×GRID grid, the only per-pixel work perceptual identity does.
// Weighted by the share of each pixel inside each cell (not "which cell holds the pixel"), so the grid does not depend
// on the resolution and a mirrored picture gives the mirrored grid exactly.
import type { Pixels, Rect } from './identity-frame.js';

export const GRID = 32;

/** For n pixels over `side` cells: each pixel's overlaps as (cell, share of the cell's extent) pairs, flattened. */
function overlaps(n: number, side: number): { cells: Int32Array; weights: Float64Array; start: Int32Array } {
  const cells: number[] = [];
  const weights: number[] = [];
  const start = new Int32Array(n + 1);
  const scale = side / n;
  for (let i = 0; i < n; i++) {
    start[i] = cells.length;
    const a = i * scale;
    const b = (i + 1) * scale;
    for (let c = Math.floor(a); c < Math.min(side, Math.ceil(b - 1e-9)); c++) {
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

/** RGB means per cell of a side×side grid, row-major, 3 values a cell (grey is repeated into R, G and B; alpha ignored). */
export function colourGrid(p: Pixels, r: Rect, side = GRID): Float64Array {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const cols = overlaps(w, side);
  const rows = overlaps(h, side);
  const grid = new Float64Array(side * side * 3);
  // One cell more than the grid: a pixel's second overlap may be an empty one past the edge (weight 0).
  const line = new Float64Array((side + 1) * 3);
  const { data, channels } = p;
  const grey = channels < 3;
  // A preview at least `side` pixels wide (the usual case) overlaps at most two cells a pixel: no inner loop.
  const two = w >= side;
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
  const colour = !grey && two;
  for (let y = 0; y < h; y++) {
    line.fill(0);
    let i = ((r.y0 + y) * p.width + r.x0) * channels;
    // The usual case, RGB(A) and at least two pixels a cell, in a loop of its own (no per-pixel branches but one).
    if (colour)
      for (let x = 0; x < w; x++, i += channels) {
        const c = first[x]!;
        const a = w0[x]!;
        const b = w1[x]!;
        const red = data[i]!;
        const green = data[i + 1]!;
        const blue = data[i + 2]!;
        line[c] = line[c]! + red * a;
        line[c + 1] = line[c + 1]! + green * a;
        line[c + 2] = line[c + 2]! + blue * a;
        // Most pixels of a preview wider than the grid lie inside one cell.
        if (b === 0) continue;
        line[c + 3] = line[c + 3]! + red * b;
        line[c + 4] = line[c + 4]! + green * b;
        line[c + 5] = line[c + 5]! + blue * b;
      }
    else
      for (let x = 0; x < w; x++, i += channels) {
        const red = data[i]!;
        const green = grey ? red : data[i + 1]!;
        const blue = grey ? red : data[i + 2]!;
        for (let k = cols.start[x]!; k < cols.start[x + 1]!; k++) {
          const c = cols.cells[k]! * 3;
          const wt = cols.weights[k]!;
          line[c] = line[c]! + red * wt;
          line[c + 1] = line[c + 1]! + green * wt;
          line[c + 2] = line[c + 2]! + blue * wt;
        }
      }
    for (let k = rows.start[y]!; k < rows.start[y + 1]!; k++) {
      const base = rows.cells[k]! * side * 3;
      const wt = rows.weights[k]!;
      for (let c = 0; c < side * 3; c++) grid[base + c] = grid[base + c]! + line[c]! * wt;
    }
  }
  // Every cell covers exactly one unit of cell extent each way: the weighted sums are already means.
  return grid;
}

/** For the span [a, b) of `n` input cells over `side` output cells: each output cell's overlaps as (input cell, share
 *  of the output cell's extent) pairs, flattened. */
function spanOverlaps(a: number, b: number, n: number, side: number): { cells: Int32Array; weights: Float64Array; start: Int32Array } {
  const cells: number[] = [];
  const weights: number[] = [];
  const start = new Int32Array(side + 1);
  const step = (b - a) / side;
  for (let o = 0; o < side; o++) {
    start[o] = cells.length;
    const lo = a + o * step;
    const hi = lo + step;
    for (let c = Math.max(0, Math.floor(lo)); c < Math.min(n, Math.ceil(hi - 1e-9)); c++) {
      const w = (Math.min(hi, c + 1) - Math.max(lo, c)) / step;
      if (w > 1e-9) {
        cells.push(c);
        weights.push(w);
      }
    }
  }
  start[side] = cells.length;
  return { cells: Int32Array.from(cells), weights: Float64Array.from(weights), start };
}

/**
 * The side×side RGB grid of a sub-rectangle of an n×n RGB grid (`r` in input-cell units, fractional), area-weighted
 * with each input cell taken as uniform: what colourGrid would give over that rectangle of the picture, up to the
 * input grid's resolution, without another pass over the pixels (separable: columns, then rows).
 */
export function resampleGrid(grid: Float64Array, n: number, r: Rect, side = GRID): Float64Array {
  const cols = spanOverlaps(r.x0, r.x1, n, side);
  const rows = spanOverlaps(r.y0, r.y1, n, side);
  const wide = new Float64Array(n * side * 3);
  for (let y = 0; y < n; y++)
    for (let o = 0; o < side; o++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      for (let k = cols.start[o]!; k < cols.start[o + 1]!; k++) {
        const g = (y * n + cols.cells[k]!) * 3;
        const w = cols.weights[k]!;
        red += grid[g]! * w;
        green += grid[g + 1]! * w;
        blue += grid[g + 2]! * w;
      }
      const t = (y * side + o) * 3;
      wide[t] = red;
      wide[t + 1] = green;
      wide[t + 2] = blue;
    }
  const out = new Float64Array(side * side * 3);
  for (let o = 0; o < side; o++)
    for (let k = rows.start[o]!; k < rows.start[o + 1]!; k++) {
      const base = rows.cells[k]! * side * 3;
      const w = rows.weights[k]!;
      const t = o * side * 3;
      for (let c = 0; c < side * 3; c++) out[t + c] = out[t + c]! + wide[base + c]! * w;
    }
  return out;
}
