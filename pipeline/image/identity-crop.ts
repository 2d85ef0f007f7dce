// Cropped copies: probe hashes of likely crops of an indexed print, where a copy sits in a print, and its aligned colour distance.
//
// A copy cropped by a few per cent each way is a sub-rectangle of the original: its whole-picture hash and print no
// longer line up with the original's. The index adds, for each print, the hashes of CROPS (sub-rectangles of the print,
// resampled); the query's own print hash finds the prints with a window near it. Where the copy sits in such a print is
// estimated from 1-D luma profiles (column and row means: each axis's cut found separately, cheap, and far enough from
// a wrong print to sort most of them out), then confirmed on colour: every print cell of the original that lies inside
// that rectangle is compared with the copy's area average over the same region, taken from the copy's finer grid (no
// resampling loss on the query side), after the tone fit; the rectangle is refined by a small search. Only the
// 768-byte print is needed on the indexed side, so registry lines, withdrawals and earlier releases (pid1 text) are
// matched this way too.
import { GRID } from './identity-grid.js';
import { hashBits, lowFrequencies } from './identity-hash.js';
import { fitGain, fitOffset, toneFitDistance } from './identity-tone.js';

const S = 16; // PRINT_SIDE (not imported: identity.ts imports this module)

/** Unit rectangle [x0, x1) × [y0, y1) of the original that a cropped copy shows. */
export type Window = readonly [x0: number, x1: number, y0: number, y1: number];

/** (left cut, right cut) per axis, as a share of the side: the crop hypotheses, one axis at a time. */
const CUTS = [
  [0, 0],
  [0, 0.05],
  [0.05, 0],
  [0.025, 0.025],
] as const;

/** Every pair of per-axis cuts except none at all (the whole picture is indexed already): 15 windows. */
export const CROPS: Window[] = CUTS.flatMap((x) => CUTS.map((y) => [x[0], 1 - x[1], y[0], 1 - y[1]] as const)).filter((w) => w[0] + w[2] > 0 || w[1] + w[3] < 2);

/** A cropped copy may lose at most this share of a side (the search stays inside it). */
const MIN_SIDE = 0.85;

/** 64-bit DCT hash (identity-hash.ts) of a 16×16 luma grid. */
const hash16 = (luma: Float64Array): string => hashBits(lowFrequencies(luma, S));

function printLuma(print: Uint8Array): Float64Array {
  const luma = new Float64Array(S * S);
  for (let i = 0; i < S * S; i++) luma[i] = 0.299 * print[i * 3]! + 0.587 * print[i * 3 + 1]! + 0.114 * print[i * 3 + 2]!;
  return luma;
}

/** The probe hash of a whole print: what a cropped copy's hash is looked up by. */
export function probeHash(print: Uint8Array): string {
  return hash16(printLuma(print));
}

/** Probe hashes of each window in CROPS of a print (the luma resampled bilinearly over the window). */
export function cropHashes(print: Uint8Array): string[] {
  const luma = printLuma(print);
  const out = new Float64Array(S * S);
  const pos = (a: number) => {
    const f = a * S - 0.5;
    const i = Math.max(0, Math.min(S - 2, Math.floor(f)));
    return [i, Math.max(0, Math.min(1, f - i))] as const;
  };
  return CROPS.map(([x0, x1, y0, y1]) => {
    for (let j = 0; j < S; j++) {
      const [iy, ty] = pos(y0 + ((j + 0.5) / S) * (y1 - y0));
      for (let i = 0; i < S; i++) {
        const [ix, tx] = pos(x0 + ((i + 0.5) / S) * (x1 - x0));
        const a = luma[iy * S + ix]!;
        const b = luma[iy * S + ix + 1]!;
        const c = luma[(iy + 1) * S + ix]!;
        const d = luma[(iy + 1) * S + ix + 1]!;
        out[j * S + i] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
      }
    }
    return hash16(out);
  });
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
  private table: Float64Array;
  readonly side: number;
  private made = new Map<string, Aligned | undefined>();
  /** Running sums of the copy's luma profiles: its column means (across) and row means (down), side + 1 each. */
  readonly across: Float64Array;
  readonly down: Float64Array;
  /** `grid`: the copy's side×side RGB grid, any side (identity.ts GRID or FINE). */
  constructor(grid: Uint8Array) {
    this.side = gridSide(grid.length);
    this.table = summedArea(grid, this.side);
    const n = this.side;
    this.across = new Float64Array(n + 1);
    this.down = new Float64Array(n + 1);
    const cols = new Float64Array(n);
    for (let y = 0; y < n; y++) {
      let row = 0;
      for (let x = 0; x < n; x++) {
        const i = (y * n + x) * 3;
        const l = 0.299 * grid[i]! + 0.587 * grid[i + 1]! + 0.114 * grid[i + 2]!;
        row += l;
        cols[x] = cols[x]! + l;
      }
      this.down[y + 1] = this.down[y]! + row / n;
    }
    for (let x = 0; x < n; x++) this.across[x + 1] = this.across[x]! + cols[x]! / n;
  }
  at(w: Window): Aligned | undefined {
    const key = w.map((x) => Math.round(x * 2000)).join(',');
    if (!this.made.has(key)) this.made.set(key, alignCopy(this.table, w, this.side));
    return this.made.get(key);
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
function printProfile(luma: Float64Array, axis: 0 | 1, weights: Float64Array): Float64Array {
  const out = new Float64Array(S);
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
function cellShares(lo: number, hi: number): Float64Array {
  const w = new Float64Array(S);
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

/** Scratch for axisError: the print cells compared and the copy's means over them. */
const XS = new Float64Array(S);
const YS = new Float64Array(S);

/** The print's profile `po` (S cells) against the copy's (running sums `cum` of its n lines) with the copy showing
 *  [lo, hi) of the print: every print cell inside compared with the copy's mean over the same stretch. */
function axisError(po: Float64Array, cum: Float64Array, lo: number, hi: number): number {
  const n = cum.length - 1;
  const i0 = Math.ceil(lo * S - 1e-9);
  const i1 = Math.floor(hi * S + 1e-9);
  const scale = n / (hi - lo);
  let m = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = i0; i < i1; i++, m++) {
    const u0 = Math.max(0, (i / S - lo) * scale);
    const u1 = Math.min(n, ((i + 1) / S - lo) * scale);
    // The running sum at u0 and u1, linear inside a line.
    const k0 = Math.min(n - 1, Math.floor(u0));
    const k1 = Math.min(n - 1, Math.floor(u1));
    const c0 = cum[k0]! + (u0 - k0) * (cum[k0 + 1]! - cum[k0]!);
    const c1 = cum[k1]! + (u1 - k1) * (cum[k1 + 1]! - cum[k1]!);
    const y = (c1 - c0) / (u1 - u0);
    const x = po[i]!;
    XS[m] = x;
    YS[m] = y;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const gain = fitGain(m, sx, sy, sxx, sxy);
  const offset = fitOffset(m, sx, sy, gain);
  let e = 0;
  for (let k = 0; k < m; k++) e += Math.abs(YS[k]! - gain * XS[k]! - offset);
  return e / m;
}

/** Tries the cut [lo, hi) of one axis (when the copy may show that much) and keeps it in `best` if it agrees better. */
function tryCut(po: Float64Array, cum: Float64Array, lo: number, hi: number, best: AxisFit): void {
  if (lo < -1e-9 || hi > 1 + 1e-9 || hi - lo < MIN_SIDE - 1e-9) return;
  const l = Math.max(0, lo);
  const h = Math.min(1, hi);
  const error = axisError(po, cum, l, h);
  if (error < best.error) {
    best.lo = l;
    best.hi = h;
    best.error = error;
  }
}

/** The cut of one axis whose profiles agree best: every cut of up to 1 − MIN_SIDE in steps of 2.5 % of the side;
 *  when that agrees within `reject`, steps of 0.5 % and then 0.25 % around the best. */
function fitAxis(po: Float64Array, cum: Float64Array, reject: number): AxisFit {
  const cut = 1 - MIN_SIDE;
  const best: AxisFit = { lo: 0, hi: 1, error: Infinity };
  const coarse = 0.025;
  for (let a = 0; a * coarse <= cut + 1e-9; a++) for (let b = 0; (a + b) * coarse <= cut + 1e-9; b++) tryCut(po, cum, a * coarse, 1 - b * coarse, best);
  if (best.error > reject) return best;
  for (const [step, reach] of FINE_STEPS) {
    const { lo, hi } = best;
    for (let a = -reach; a <= reach; a++) for (let b = -reach; b <= reach; b++) if (a || b) tryCut(po, cum, lo + a * step, hi + b * step, best);
  }
  return best;
}

/** After the coarse cuts: (step, how many steps each way) around the best so far. */
const FINE_STEPS = [
  [0.005, 2],
  [0.0025, 1],
] as const;

/**
 * Where a cropped copy sits in an indexed print, from 1-D luma profiles: the cut of each axis at which the copy's
 * column (row) means agree best with the print's, each axis's print profile taken over the part of the other axis the
 * copy shows (columns, rows, columns again). `error` is the worse axis's disagreement (0–255): distinct pictures
 * rarely agree within a few levels on both axes, so it sorts out most candidates before any 2-D alignment. A print
 * whose profiles disagree by more than `reject` at the first, coarse cuts is given up on (error Infinity): at 2.5 %
 * steps a copy is at most 1.25 % of a side from one, and its profiles still agree within a few levels.
 */
export function estimateWindow(print: Uint8Array, copy: AlignedCopy, reject = Infinity): { window: Window; error: number } {
  const luma = printLuma(print);
  let x = fitAxis(printProfile(luma, 0, cellShares(0, 1)), copy.across, reject);
  if (x.error > reject) return { window: [x.lo, x.hi, 0, 1], error: Infinity };
  const y = fitAxis(printProfile(luma, 1, cellShares(x.lo, x.hi)), copy.down, reject);
  if (y.error > reject) return { window: [x.lo, x.hi, y.lo, y.hi], error: Infinity };
  x = fitAxis(printProfile(luma, 0, cellShares(y.lo, y.hi)), copy.across, reject);
  return { window: [x.lo, x.hi, y.lo, y.hi], error: Math.max(x.error, y.error) };
}
