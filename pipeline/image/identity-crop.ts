// Cropped copies: the crop windows of an indexed print, where a copy sits in a print, and its aligned colour distance.
//
// A copy cropped by a few per cent each way is a sub-rectangle of the original: its whole-picture hash and print no
// longer line up with the original's. The index adds, for each print, the keys of crop windows (sub-rectangles of the
// print, resampled: identity-window-keys.ts); the key of the query's own print finds the prints with a window near it.
// Where the copy sits in such a print is estimated from 1-D luma profiles (column and row means: each axis's cut found
// separately, cheap, and far enough from a wrong print to sort most of them out), then confirmed on colour: every print
// cell of the original that lies inside that rectangle is compared with the copy's area average over the same region,
// taken from the copy's finer grid (no resampling loss on the query side), after the tone fit; the rectangle is refined
// by a small search. Only the 768-byte print is needed on the indexed side, so registry lines, withdrawals and earlier
// releases (pid1 text) are matched this way too.
import { GRID } from './identity-grid.js';
import { fitGain, fitOffset, toneFitDistance } from './identity-tone.js';

const S = 16; // PRINT_SIDE (not imported: identity.ts imports this module)

/** Unit rectangle [x0, x1) × [y0, y1) of the original that a cropped copy shows. */
export type Window = readonly [x0: number, x1: number, y0: number, y1: number];

/** A cropped copy may lose at most this share of a side (the search stays inside it). */
const MIN_SIDE = 0.85;

function printLuma(print: Uint8Array, luma = new Float64Array(S * S)): Float64Array {
  for (let i = 0; i < S * S; i++) luma[i] = 0.299 * print[i * 3]! + 0.587 * print[i * 3 + 1]! + 0.114 * print[i * 3 + 2]!;
  return luma;
}

/** The side of a square RGB grid of `length` values. */
export const gridSide = (length: number): number => Math.round(Math.sqrt(length / 3));

/** Summed-area table of a side×side RGB grid: (side+1)² × 3. */
export function summedArea(grid: Uint8Array, side = gridSide(grid.length)): Float64Array {
  const W = side + 1;
  const I = new Float64Array(W * W * 3);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      for (let k = 0; k < 3; k++) I[((y + 1) * W + x + 1) * 3 + k] = grid[(y * side + x) * 3 + k]! + I[(y * W + x + 1) * 3 + k]! + I[((y + 1) * W + x) * 3 + k]! - I[(y * W + x) * 3 + k]!;
  return I;
}

/** The table at a point in grid units, bilinear between its corners (a cell's colour taken as uniform). */
function at(I: Float64Array, side: number, u: number, v: number, k: number): number {
  const W = side + 1;
  const x = Math.min(side - 1, Math.floor(u));
  const y = Math.min(side - 1, Math.floor(v));
  const tx = u - x;
  const ty = v - y;
  const r0 = y * W;
  const r1 = r0 + W;
  return (I[(r0 + x) * 3 + k]! * (1 - tx) + I[(r0 + x + 1) * 3 + k]! * tx) * (1 - ty) + (I[(r1 + x) * 3 + k]! * (1 - tx) + I[(r1 + x + 1) * 3 + k]! * tx) * ty;
}

/** The copy's side of an alignment: which print cells of the original lie inside the window, and the copy's area
 *  average over each (RGB). The same for every indexed print looked up through one window. */
export interface Aligned {
  cells: Int32Array;
  colours: Float64Array;
}

/** The print cells of the original that lie inside `w` (where the copy sits in it) and the copy's area averages over
 *  the same regions, from the summed-area table of its side×side grid; undefined when fewer than half the cells lie
 *  inside. */
export function alignCopy(table: Float64Array, w: Window, side = GRID): Aligned | undefined {
  const [x0, x1, y0, y1] = w;
  const sx = side / (x1 - x0);
  const sy = side / (y1 - y0);
  const i0 = Math.ceil(x0 * S - 1e-9);
  const i1 = Math.floor(x1 * S + 1e-9);
  const j0 = Math.ceil(y0 * S - 1e-9);
  const j1 = Math.floor(y1 * S + 1e-9);
  const n = Math.max(0, i1 - i0) * Math.max(0, j1 - j0);
  if (n < (S * S) / 2) return undefined;
  const cells = new Int32Array(n);
  const colours = new Float64Array(n * 3);
  let c = 0;
  for (let j = j0; j < j1; j++) {
    const v0 = Math.max(0, (j / S - y0) * sy);
    const v1 = Math.min(side, ((j + 1) / S - y0) * sy);
    for (let i = i0; i < i1; i++, c++) {
      const u0 = Math.max(0, (i / S - x0) * sx);
      const u1 = Math.min(side, ((i + 1) / S - x0) * sx);
      const area = (u1 - u0) * (v1 - v0);
      cells[c] = j * S + i;
      for (let k = 0; k < 3; k++) colours[c * 3 + k] = (at(table, side, u1, v1, k) - at(table, side, u0, v1, k) - at(table, side, u1, v0, k) + at(table, side, u0, v0, k)) / area;
    }
  }
  return { cells, colours };
}

/**
 * Mean absolute difference (0–255), after the per-channel tone fit of identity-compare.ts, between the original's
 * print cells and the copy's colours over them (alignCopy). Stops early, returning Infinity, once it must exceed
 * `limit`; Infinity too when nothing is aligned.
 */
export function alignedDistance(print: Uint8Array, a: Aligned | undefined, limit = Infinity): number {
  if (!a || a.cells.length === 0) return Infinity;
  return toneFitDistance(print, a.cells, a.colours, limit);
}

/** A copy's alignments by window, made once each per query: only the indexed print differs between candidates. */
export class AlignedCopy {
  private table: Float64Array | undefined;
  readonly side: number;
  private made = new Map<string, Aligned | undefined>();
  /** Running sums of the copy's luma profiles: its column means (across) and row means (down), side + 1 each. */
  readonly across: Float64Array;
  readonly down: Float64Array;
  /** The copy's means over the print cells of every coarse cut, per axis: made on the first estimate. */
  private coarse: [Float64Array, Float64Array] | undefined;
  /** `grid`: the copy's side×side RGB grid, any side (identity.ts GRID or FINE). */
  constructor(private readonly grid: Uint8Array) {
    this.side = gridSide(grid.length);
    const n = this.side;
    this.across = new Float64Array(n + 1);
    this.down = new Float64Array(n + 1);
    // Channel sums of each row and column (whole numbers, exact), then their luma: a line's mean luma.
    const cols = new Int32Array(n * 3);
    for (let y = 0; y < n; y++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let x = 0, i = y * n * 3; x < n; x++, i += 3) {
        r += grid[i]!;
        g += grid[i + 1]!;
        b += grid[i + 2]!;
        cols[x * 3] = cols[x * 3]! + grid[i]!;
        cols[x * 3 + 1] = cols[x * 3 + 1]! + grid[i + 1]!;
        cols[x * 3 + 2] = cols[x * 3 + 2]! + grid[i + 2]!;
      }
      this.down[y + 1] = this.down[y]! + (0.299 * r + 0.587 * g + 0.114 * b) / n;
    }
    for (let x = 0; x < n; x++) this.across[x + 1] = this.across[x]! + (0.299 * cols[x * 3]! + 0.587 * cols[x * 3 + 1]! + 0.114 * cols[x * 3 + 2]!) / n;
  }
  at(w: Window): Aligned | undefined {
    const key = w.map((x) => Math.round(x * 2000)).join(',');
    if (!this.made.has(key)) this.made.set(key, alignCopy((this.table ??= summedArea(this.grid, this.side)), w, this.side));
    return this.made.get(key);
  }
  /** The copy's means over every coarse cut of an axis (0: across, 1: down; COARSE_CUTS). */
  coarseMeans(axis: 0 | 1): Float64Array {
    this.coarse ??= [coarseMeans(this.across), coarseMeans(this.down)];
    return this.coarse[axis];
  }
}

/** The window near `start` where the copy fits the print best (coordinate descent, `steps` a share of a side each,
 *  at most 6 rounds each), and its distance; the search stops after the first step size when the copy is still
 *  further than `coarse` (the rest would cost most of the time on pictures that do not match). */
export function refineWindow(print: Uint8Array, copy: AlignedCopy, start: Window, coarse = Infinity, steps: readonly number[] = [0.02, 0.01, 0.005]): { window: Window; colour: number } {
  let w: number[] = [...start];
  let best = alignedDistance(print, copy.at(start));
  for (const step of steps) {
    if (step < steps[0]! && best > coarse) break;
    for (let round = 0, improved = true; improved && round < 6; round++) {
      improved = false;
      for (let p = 0; p < 4; p++)
        for (const s of [-step, step]) {
          const t = w.slice();
          t[p] = t[p]! + s;
          if (t[0]! < 0 || t[2]! < 0 || t[1]! > 1 || t[3]! > 1 || t[1]! - t[0]! < MIN_SIDE || t[3]! - t[2]! < MIN_SIDE) continue;
          const d = alignedDistance(print, copy.at(t as unknown as Window), best);
          if (d < best) {
            best = d;
            w = t;
            improved = true;
          }
        }
    }
  }
  return { window: w as unknown as Window, colour: best };
}

/** The print's luma profile along one axis (0: column means, across; 1: row means, down), each line of cells along the
 *  other axis weighted by `weights` (S values: how much of it the copy shows). */
function printProfile(luma: Float64Array, axis: 0 | 1, weights: Float64Array, out = new Float64Array(S)): Float64Array {
  let total = 0;
  for (let a = 0; a < S; a++) total += weights[a]!;
  for (let b = 0; b < S; b++) {
    let s = 0;
    for (let a = 0; a < S; a++) s += weights[a]! * luma[axis === 0 ? a * S + b : b * S + a]!;
    out[b] = s / total;
  }
  return out;
}

/** How much of each of the S print cells along an axis lies inside [lo, hi) (0–1). */
function cellShares(lo: number, hi: number, w = new Float64Array(S)): Float64Array {
  for (let i = 0; i < S; i++) w[i] = Math.max(0, Math.min(hi, (i + 1) / S) - Math.max(lo, i / S)) * S;
  return w;
}

/** A cut of one axis and how well the profiles agree there: mean absolute luma difference (0–255) after a gain and
 *  offset fit (the tone fit's bounds). */
interface AxisFit {
  lo: number;
  hi: number;
  error: number;
}

/** A coarse cut [lo, hi) of one axis: the print cells inside it are i0 … i0 + m; the copy's means over them are at
 *  `at` in the copy's array of coarse means (AlignedCopy.coarseMeans). */
interface CoarseCut {
  lo: number;
  hi: number;
  i0: number;
  m: number;
  at: number;
}

/** The copy's means (running sums `cum` of its n lines) over each print cell inside [lo, hi), when the copy shows
 *  [lo, hi) of the print, into `out` from `at`; returns the first such cell and how many there are. */
function copyMeans(cum: Float64Array, lo: number, hi: number, out: Float64Array, at = 0): { i0: number; m: number } {
  const n = cum.length - 1;
  const { i0, m } = cellsInside(lo, hi);
  const i1 = i0 + m;
  const scale = n / (hi - lo);
  for (let i = i0; i < i1; i++) {
    const u0 = Math.max(0, (i / S - lo) * scale);
    const u1 = Math.min(n, ((i + 1) / S - lo) * scale);
    // The running sum at u0 and u1, linear inside a line.
    const k0 = Math.min(n - 1, Math.floor(u0));
    const k1 = Math.min(n - 1, Math.floor(u1));
    const c0 = cum[k0]! + (u0 - k0) * (cum[k0 + 1]! - cum[k0]!);
    const c1 = cum[k1]! + (u1 - k1) * (cum[k1 + 1]! - cum[k1]!);
    out[at + i - i0] = (c1 - c0) / (u1 - u0);
  }
  return { i0, m };
}

/** The print cells that lie wholly inside [lo, hi) of an axis: the first, and how many. */
function cellsInside(lo: number, hi: number): { i0: number; m: number } {
  const i0 = Math.ceil(lo * S - 1e-9);
  return { i0, m: Math.max(0, Math.floor(hi * S + 1e-9) - i0) };
}

/** Scratch for the fine cuts' copy means. */
const MEANS = new Float64Array(S);

/** The print's profile `po` (S cells) from cell i0 on against the copy's means over the same `m` cells: mean absolute
 *  luma difference (0–255) after a gain and offset fit (the tone fit's bounds). */
function fitError(po: Float64Array, i0: number, means: Float64Array, m: number, at = 0): number {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < m; k++) {
    const x = po[i0 + k]!;
    const y = means[at + k]!;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const gain = fitGain(m, sx, sy, sxx, sxy);
  const offset = fitOffset(m, sx, sy, gain);
  let e = 0;
  for (let k = 0; k < m; k++) e += Math.abs(means[at + k]! - gain * po[i0 + k]! - offset);
  return e / m;
}

/** Every cut of up to 1 − MIN_SIDE of an axis in steps of 2.5 % of the side (the same for every copy). */
const COARSE_CUTS: readonly CoarseCut[] = (() => {
  const cut = 1 - MIN_SIDE;
  const step = 0.025;
  const out: CoarseCut[] = [];
  for (let a = 0; a * step <= cut + 1e-9; a++)
    for (let b = 0; (a + b) * step <= cut + 1e-9; b++) {
      const lo = a * step;
      const hi = 1 - b * step;
      out.push({ lo, hi, ...cellsInside(lo, hi), at: out.length * S });
    }
  return out;
})();

/** The copy's means (running sums `cum`) over the print cells of every coarse cut, each at its `at`. */
function coarseMeans(cum: Float64Array): Float64Array {
  const out = new Float64Array(COARSE_CUTS.length * S);
  for (const c of COARSE_CUTS) copyMeans(cum, c.lo, c.hi, out, c.at);
  return out;
}

/** Tries the cut [lo, hi) of one axis (when the copy may show that much) and keeps it in `best` if it agrees better. */
function tryCut(po: Float64Array, cum: Float64Array, lo: number, hi: number, best: AxisFit): void {
  if (lo < -1e-9 || hi > 1 + 1e-9 || hi - lo < MIN_SIDE - 1e-9) return;
  const l = Math.max(0, lo);
  const h = Math.min(1, hi);
  const { i0, m } = copyMeans(cum, l, h, MEANS);
  const error = fitError(po, i0, MEANS, m);
  if (error < best.error) {
    best.lo = l;
    best.hi = h;
    best.error = error;
  }
}

/** The coarse cut of one axis whose profiles agree best (`means`: the copy's over every coarse cut, made once a query). */
function coarseFit(po: Float64Array, means: Float64Array): AxisFit {
  const best: AxisFit = { lo: 0, hi: 1, error: Infinity };
  for (const c of COARSE_CUTS) {
    const error = fitError(po, c.i0, means, c.m, c.at);
    if (error < best.error) {
      best.lo = c.lo;
      best.hi = c.hi;
      best.error = error;
    }
  }
  return best;
}

/** `best` refined by steps of 1 % and then 0.5 % around it (one step each way for each end: the colour search after it refines further). */
function fineFit(po: Float64Array, cum: Float64Array, best: AxisFit): AxisFit {
  for (const [step, reach] of FINE_STEPS) {
    const { lo, hi } = best;
    for (let a = -reach; a <= reach; a++) for (let b = -reach; b <= reach; b++) if (a || b) tryCut(po, cum, lo + a * step, hi + b * step, best);
  }
  return best;
}

/** After the coarse cuts: (step, how many steps each way) around the best so far. */
const FINE_STEPS = [
  [0.01, 1],
  [0.005, 1],
] as const;

/** Scratch for estimateWindow: the print's luma, one axis's cell shares, its column and row profiles. */
const LUMA = new Float64Array(S * S);
const SHARES = new Float64Array(S);
const COLS = new Float64Array(S);
const ROWS = new Float64Array(S);

/**
 * Where a cropped copy sits in an indexed print, from 1-D luma profiles: the cut of each axis at which the copy's
 * column (row) means agree best with the print's, each axis's print profile taken over the part of the other axis the
 * copy shows (columns at coarse cuts; rows, coarse then fine; columns again, coarse then fine). `error` is the worse
 * axis's disagreement (0–255): distinct pictures rarely agree within a few levels on both axes, so it sorts out most
 * candidates before any 2-D alignment. A print whose columns, or then rows, disagree by more than `reject` at the
 * coarse cuts is given up on (error Infinity) before any fine step: at 2.5 % steps a copy is at most 1.25 % of a side
 * from one, and its profiles still agree within a few levels.
 */
export function estimateWindow(print: Uint8Array, copy: AlignedCopy, reject = Infinity): { window: Window; error: number } {
  const luma = printLuma(print, LUMA);
  // Columns at coarse cuts, rows at coarse cuts over the columns found: most prints that are not the copy's are given
  // up on here, before any finer step.
  const x0 = coarseFit(printProfile(luma, 0, cellShares(0, 1, SHARES), COLS), copy.coarseMeans(0));
  if (x0.error > reject) return { window: [x0.lo, x0.hi, 0, 1], error: Infinity };
  const rows = printProfile(luma, 1, cellShares(x0.lo, x0.hi, SHARES), ROWS);
  const y0 = coarseFit(rows, copy.coarseMeans(1));
  if (y0.error > reject) return { window: [x0.lo, x0.hi, y0.lo, y0.hi], error: Infinity };
  const y = fineFit(rows, copy.down, y0);
  const cols = printProfile(luma, 0, cellShares(y.lo, y.hi, SHARES), COLS);
  const x = fineFit(cols, copy.across, coarseFit(cols, copy.coarseMeans(0)));
  return { window: [x.lo, x.hi, y.lo, y.hi], error: Math.max(x.error, y.error) };
}
