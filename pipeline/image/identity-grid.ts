// One pass over the picture's frame: area-weighted RGB on a GRID×GRID grid, the only per-pixel work perceptual identity does.
// Weighted by the share of each pixel inside each cell (not "which cell holds the pixel"), so the grid does not depend
// on the resolution and a mirrored picture gives the mirrored grid exactly.
import type { Pixels, Rect } from './identity-frame.js';

export const GRID = 32;

/**
 * Where each of the side + 1 cell boundaries of n pixels over `side` cells falls, in integer units of 1/side pixel (a
 * pixel is `side` units wide, a cell `n`): boundary c lies in pixel `at[c]`, `rem[c]` units into it. Every overlap of a
 * pixel with a cell is a whole number of units, so the area-weighted sums below are exact integers.
 */
function boundaries(n: number, side: number): { at: Int32Array; rem: Int32Array } {
  const at = new Int32Array(side + 1);
  const rem = new Int32Array(side + 1);
  for (let c = 0; c <= side; c++) {
    at[c] = Math.floor((c * n) / side);
    rem[c] = c * n - at[c]! * side;
  }
  return { at, rem };
}

/**
 * RGB means per cell of a side×side grid, row-major, 3 values a cell (grey is repeated into R, G and B; alpha ignored).
 * Per grid row, the pixel rows it covers are added up, each weighted by the units of it inside the grid row (one
 * multiply-add per pixel and channel); along that sum, each cell's total is the difference of a running sum at its two
 * boundaries (the boundary pixel split by its units). Every weight is a whole number of units, so each mean is the
 * exact sum over the cell's area, divided once.
 */
export function colourGrid(p: Pixels, r: Rect, side = GRID): Float64Array {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  const cols = boundaries(w, side);
  const rows = boundaries(h, side);
  const { data, channels } = p;
  // Green and blue are read at these offsets from red: 0 for grey.
  const gOff = channels < 3 ? 0 : 1;
  const bOff = channels < 3 ? 0 : 2;
  const grid = new Float64Array(side * side * 3);
  // The weighted sum of the pixel rows of one grid row, RGB per pixel.
  const acc = new Float64Array(w * 3);
  const area = w * h;
  for (let g = 0, o = 0; g < side; g++) {
    acc.fill(0);
    // Grid row g spans units [g·h, (g + 1)·h): from `rem` units into pixel row `at` to the next boundary.
    const last = rows.rem[g + 1] ? rows.at[g + 1]! : rows.at[g + 1]! - 1;
    for (let y = rows.at[g]!; y <= last; y++) {
      const top = y === rows.at[g] ? rows.rem[g]! : 0;
      const bottom = y === rows.at[g + 1] ? rows.rem[g + 1]! : side;
      const weight = bottom - top;
      let i = ((r.y0 + y) * p.width + r.x0) * channels;
      for (let a = 0; a < w * 3; a += 3, i += channels) {
        acc[a] = acc[a]! + weight * data[i]!;
        acc[a + 1] = acc[a + 1]! + weight * data[i + gOff]!;
        acc[a + 2] = acc[a + 2]! + weight * data[i + bOff]!;
      }
    }
    // Along the row: running sums at each cell boundary, whole pixels before it and k units of the one it falls in.
    let red = 0;
    let green = 0;
    let blue = 0;
    let fr = 0;
    let fg = 0;
    let fb = 0;
    for (let c = 1, x = 0; c <= side; c++, o += 3) {
      const q = cols.at[c]!;
      for (; x < q; x++) {
        red += acc[x * 3]!;
        green += acc[x * 3 + 1]!;
        blue += acc[x * 3 + 2]!;
      }
      const k = cols.rem[c]!;
      let br = red * side;
      let bg = green * side;
      let bb = blue * side;
      if (k) {
        br += k * acc[x * 3]!;
        bg += k * acc[x * 3 + 1]!;
        bb += k * acc[x * 3 + 2]!;
      }
      // Each cell covers w × h units of area.
      grid[o] = (br - fr) / area;
      grid[o + 1] = (bg - fg) / area;
      grid[o + 2] = (bb - fb) / area;
      fr = br;
      fg = bg;
      fb = bb;
    }
  }
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
