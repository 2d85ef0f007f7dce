// The structural part of perceptual identity: a 64-bit DCT hash of the frame's luma grid and, from the same coefficients, its mirror's.
import { GRID } from './identity-grid.js';

const K = 8;
/** cos tables for the first K DCT frequencies over `side` samples, one per side used (GRID, and the print's 16). */
const TABLES = new Map<number, Float64Array[]>();
function cosines(side: number): Float64Array[] {
  let t = TABLES.get(side);
  if (!t) {
    t = Array.from({ length: K }, (_, u) => Float64Array.from({ length: side }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * side))));
    TABLES.set(side, t);
  }
  return t;
}

/**
 * Top-left K×K of the 2-D DCT of a side×side luma grid (GRID unless given), row v, column u. Along a row, cos(u) is
 * symmetric about the middle for even u and antisymmetric for odd u, so each row is folded once into sums and
 * differences of mirrored pairs, and each frequency reads half the row.
 */
export function lowFrequencies(luma: Float64Array, side = GRID): Float64Array {
  if (side % 2) throw new Error(`lowFrequencies folds rows in pairs: side ${side} is odd`);
  const COS = cosines(side);
  const half = side >> 1;
  const coeffs = new Float64Array(K * K);
  const tmp = new Float64Array(K * side);
  const sum = new Float64Array(half);
  const diff = new Float64Array(half);
  for (let y = 0; y < side; y++) {
    const row = y * side;
    for (let x = 0; x < half; x++) {
      const a = luma[row + x]!;
      const b = luma[row + side - 1 - x]!;
      sum[x] = a + b;
      diff[x] = a - b;
    }
    for (let u = 0; u < K; u++) {
      const cu = COS[u]!;
      const folded = u % 2 === 0 ? sum : diff;
      let s = 0;
      for (let x = 0; x < half; x++) s += folded[x]! * cu[x]!;
      tmp[u * side + y] = s;
    }
  }
  for (let v = 0; v < K; v++) {
    const cv = COS[v]!;
    for (let u = 0; u < K; u++) {
      let s = 0;
      for (let y = 0; y < side; y++) s += tmp[u * side + y]! * cv[y]!;
      coeffs[v * K + u] = s;
    }
  }
  return coeffs;
}

/** A left-right mirror flips the sign of every odd horizontal frequency; nothing else changes. */
export function mirrored(coeffs: Float64Array): Float64Array {
  const m = new Float64Array(coeffs.length);
  for (let i = 0; i < coeffs.length; i++) m[i] = (i % K) % 2 === 1 ? -coeffs[i]! : coeffs[i]!;
  return m;
}

const HEX = '0123456789abcdef';

/** 64 bits, 16 hex digits: bit = coefficient above the median of the 63 AC coefficients (brightness and contrast cancel). */
export function hashBits(coeffs: Float64Array): string {
  // A typed array sorts by numeric value, no comparator.
  const sorted = coeffs.slice(1).sort();
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nib = 0; nib < 16; nib++) {
    let n = 0;
    for (let b = 0; b < 4; b++) n = (n << 1) | (coeffs[nib * 4 + b]! > median ? 1 : 0);
    hex += HEX[n];
  }
  return hex;
}
