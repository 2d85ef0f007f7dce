// Colour distance of two prints after fitting tone: what brightness, contrast and gamma edits change is fitted away, not what the picture is.
import { PRINT_SIDE } from './identity.js';
import { CLIPPED, fitGain, fitOffset, toneFitDistance } from './identity-tone.js';

/** Cell i of a print, or of its left-right mirror: the index arrays the tone fit reads the print through. */
const N = PRINT_SIDE * PRINT_SIDE;
const SAME = Int32Array.from({ length: N }, (_, i) => i);
/** Print rows in bit-reversed order (0, 8, 4, 12, …): any first few of them sample the whole height. */
const ROWS = Int32Array.from({ length: PRINT_SIDE }, (_, r) => {
  let v = 0;
  for (let b = 1, rb = PRINT_SIDE >> 1; b < PRINT_SIDE; b <<= 1, rb >>= 1) if (r & b) v |= rb;
  return v;
});
const MIRRORED = Int32Array.from({ length: N }, (_, i) => Math.floor(i / PRINT_SIDE) * PRINT_SIDE + (PRINT_SIDE - 1 - (i % PRINT_SIDE)));

/**
 * Mean absolute difference (0–255) between print `b` and print `a` after the per-channel tone fit that maps `a` closest
 * to `b` (least squares, clamped); `mirror` compares `b` with `a`'s mirror. Stops early, returning Infinity, once the
 * difference must exceed `limit`; Infinity too when the prints cannot be compared.
 */
export function toneFittedDistance(a: Uint8Array, b: Uint8Array, mirror = false, limit = Infinity): number {
  if (a.length !== N * 3 || b.length !== N * 3) return Infinity;
  return toneFitDistance(a, mirror ? MIRRORED : SAME, b, limit);
}

/**
 * One print compared with many (an index's candidates), as toneFittedDistance(a, print, mirror) gives, with what
 * depends on this print alone worked out once: its cells in the order the candidate is read (a mirrored comparison is
 * the mirrored print against the candidate's as it is), the cells the fit leaves out (clipped) zeroed, their sums.
 */
export class TonedPrint {
  private readonly cells = new Float64Array(N * 3);
  /** The cells with the clipped ones 0: Σ candidate × this is the fit's cross sum with no test per cell. */
  private readonly fitted = new Float64Array(N * 3);
  /** Per channel: cells the fit uses, their sum; the clipped cells (index × 3 + channel) it leaves out. */
  private readonly used = [0, 0, 0];
  private readonly own = [0, 0, 0];
  private readonly clipped: number[][] = [[], [], []];

  constructor(print: Uint8Array, mirror = false) {
    for (let i = 0; i < N; i++)
      for (let k = 0; k < 3; k++) {
        const at = i * 3 + k;
        const y = print[(mirror ? MIRRORED[i]! : i) * 3 + k]!;
        this.cells[at] = y;
        if (y <= CLIPPED || y >= 255 - CLIPPED) this.clipped[k]!.push(at);
        else {
          this.fitted[at] = y;
          this.used[k]!++;
          this.own[k]! += y;
        }
      }
  }

  /** The tone-fitted colour difference of candidate print `a` (0–255), Infinity once it must exceed `limit`. `sums`
   *  at `at`, when given, are `a`'s printSums (an index works them out once per print it holds). */
  distance(a: Uint8Array, limit = Infinity, sums?: Float64Array, at = 0): number {
    if (a.length !== N * 3) return Infinity;
    const { cells, fitted, used } = this;
    let sa0: number;
    let sa1: number;
    let sa2: number;
    let saa0: number;
    let saa1: number;
    let saa2: number;
    let sab0 = 0;
    let sab1 = 0;
    let sab2 = 0;
    if (sums) {
      sa0 = sums[at]!;
      sa1 = sums[at + 1]!;
      sa2 = sums[at + 2]!;
      saa0 = sums[at + 3]!;
      saa1 = sums[at + 4]!;
      saa2 = sums[at + 5]!;
      for (let i = 0; i < N * 3; i += 3) {
        sab0 += a[i]! * fitted[i]!;
        sab1 += a[i + 1]! * fitted[i + 1]!;
        sab2 += a[i + 2]! * fitted[i + 2]!;
      }
    } else {
      sa0 = sa1 = sa2 = saa0 = saa1 = saa2 = 0;
      for (let i = 0; i < N * 3; i += 3) {
        const x = a[i]!;
        const y = a[i + 1]!;
        const z = a[i + 2]!;
        sa0 += x;
        sa1 += y;
        sa2 += z;
        saa0 += x * x;
        saa1 += y * y;
        saa2 += z * z;
        sab0 += x * fitted[i]!;
        sab1 += y * fitted[i + 1]!;
        sab2 += z * fitted[i + 2]!;
      }
    }
    const [c0, c1, c2] = this.clipped as [number[], number[], number[]];
    for (const at of c0) (sa0 -= a[at]!), (saa0 -= a[at]! * a[at]!);
    for (const at of c1) (sa1 -= a[at]!), (saa1 -= a[at]! * a[at]!);
    for (const at of c2) (sa2 -= a[at]!), (saa2 -= a[at]! * a[at]!);
    const g0 = fitGain(used[0]!, sa0, this.own[0]!, saa0, sab0);
    const g1 = fitGain(used[1]!, sa1, this.own[1]!, saa1, sab1);
    const g2 = fitGain(used[2]!, sa2, this.own[2]!, saa2, sab2);
    const o0 = fitOffset(used[0]!, sa0, this.own[0]!, g0);
    const o1 = fitOffset(used[1]!, sa1, this.own[1]!, g1);
    const o2 = fitOffset(used[2]!, sa2, this.own[2]!, g2);
    // Rows in an order that spreads them over the picture, so a candidate that is far off overshoots early.
    const budget = limit * N * 3;
    let total = 0;
    for (let r = 0; r < PRINT_SIDE; r++) {
      const end = (ROWS[r]! + 1) * PRINT_SIDE * 3;
      for (let i = ROWS[r]! * PRINT_SIDE * 3; i < end; i += 3)
        total +=
          Math.abs(cells[i]! - Math.min(255, Math.max(0, g0 * a[i]! + o0))) +
          Math.abs(cells[i + 1]! - Math.min(255, Math.max(0, g1 * a[i + 1]! + o1))) +
          Math.abs(cells[i + 2]! - Math.min(255, Math.max(0, g2 * a[i + 2]! + o2)));
      if (total > budget) return Infinity;
    }
    return total / (N * 3);
  }
}

/** What TonedPrint.distance needs of a candidate print beyond its cells, per channel its sum and sum of squares
 *  (RGB sums, then RGB sums of squares), written into `out` at `at`. */
export function printSums(print: Uint8Array, out: Float64Array, at = 0): void {
  for (let k = 0; k < 6; k++) out[at + k] = 0;
  for (let i = 0; i < print.length; i += 3)
    for (let k = 0; k < 3; k++) {
      const x = print[i + k]!;
      out[at + k]! += x;
      out[at + 3 + k]! += x * x;
    }
}
