// Crop-window keys of a 16×16 print: 189 sign bits (luma, blue and red difference) of a window's DCT, what cropped copies are looked up by.
//
// A cropped copy is a sub-rectangle of the original, so its whole picture lines up with no hash of the original's. The
// index holds, for each print, the keys of CROPS (sub-rectangles of the print: every pair of per-axis cuts in CUTS),
// and a copy's key of its own whole print comes near the window closest to its crop. Luma alone is a weak key among
// similar pictures (thousands of fruit watercolours share a bright page and a dark middle); the two colour-difference
// planes (B − Y, R − Y) are nearly independent of it for distinct pictures and as stable under a crop, so a key of all
// three finds a tenth as many candidates for the same share of true crops (measured: pipeline/README.md "Perceptual
// identity"). A bit is the sign of one of the 63 lowest non-constant DCT coefficients of the window resampled to
// 16×16 (bilinear): a tone edit (gain and offset) changes no sign. Resampling and the DCT are linear and separable, so
// each window's coefficients are K×16 matrices on either side of the plane, one per distinct cut of each axis.
import type { Window } from './identity-crop.js';

const S = 16;
const K = 8;
/** 32-bit words a key takes: luma, B − Y, R − Y, two each (63 bits used of each pair). */
export const KEY_WORDS = 6;

/** (left cut, right cut) per axis, as a share of the side. No cut at all is left out: a copy cut by a few per cent on
 *  one axis only is as close to the 2.5 % cut on the other as it is to none (measured: as many crops found with it,
 *  and a fifth more candidates). */
const CUTS = [
  [0, 0.05],
  [0.05, 0],
  [0.025, 0.025],
] as const;

/** The windows an indexed print is keyed by: every pair of per-axis cuts, 9 windows. */
export const CROPS: readonly Window[] = CUTS.flatMap((x) => CUTS.map((y) => [x[0], 1 - x[1], y[0], 1 - y[1]] as const));

/** K×S: the first K DCT frequencies of the S-sample bilinear resampling of [a, b) of an S-sample line. */
function axisMatrix(a: number, b: number): Float64Array {
  const m = new Float64Array(K * S);
  for (let j = 0; j < S; j++) {
    const f = (a + ((j + 0.5) / S) * (b - a)) * S - 0.5;
    const i = Math.max(0, Math.min(S - 2, Math.floor(f)));
    const t = Math.max(0, Math.min(1, f - i));
    for (let u = 0; u < K; u++) {
      const c = Math.cos(((2 * j + 1) * u * Math.PI) / (2 * S));
      m[u * S + i] = m[u * S + i]! + c * (1 - t);
      m[u * S + i + 1] = m[u * S + i + 1]! + c * t;
    }
  }
  return m;
}

/** The matrices of a set of windows: one per distinct cut of each axis, and which a window uses. */
interface WindowSet {
  x: Float64Array[];
  y: Float64Array[];
  xOf: Int32Array;
  yOf: Int32Array;
}

function windowSet(windows: readonly Window[]): WindowSet {
  const key = (lo: number, hi: number) => `${lo},${hi}`;
  const xs = [...new Set(windows.map((w) => key(w[0], w[1])))];
  const ys = [...new Set(windows.map((w) => key(w[2], w[3])))];
  const matrix = (c: string) => axisMatrix(...(c.split(',').map(Number) as [number, number]));
  return {
    x: xs.map(matrix),
    y: ys.map(matrix),
    xOf: Int32Array.from(windows, (w) => xs.indexOf(key(w[0], w[1]))),
    yOf: Int32Array.from(windows, (w) => ys.indexOf(key(w[2], w[3]))),
  };
}

const CROP_SET = windowSet(CROPS);
const WHOLE_SET = windowSet([[0, 1, 0, 1]]);

/** Scratch: three planes, and a plane times each x-cut matrix (K frequencies × S rows). */
const PLANES = [new Float64Array(S * S), new Float64Array(S * S), new Float64Array(S * S)];
const ROWS = CUTS.map(() => new Float64Array(K * S));

function planesOf(print: Uint8Array): void {
  const [y, cb, cr] = PLANES as [Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < S * S; i++) {
    const r = print[i * 3]!;
    const b = print[i * 3 + 2]!;
    const l = 0.299 * r + 0.587 * print[i * 3 + 1]! + 0.114 * b;
    y[i] = l;
    cb[i] = b - l;
    cr[i] = r - l;
  }
}

/** The plane's rows times the x-cut matrix `mx` (transposed), into `out` (K × S: frequency-major). */
function rowsTimes(plane: Float64Array, mx: Float64Array, out: Float64Array): void {
  for (let u = 0; u < K; u++) {
    const m = u * S;
    for (let y = 0; y < S; y++) {
      const row = y * S;
      let s = 0;
      for (let x = 0; x < S; x++) s += plane[row + x]! * mx[m + x]!;
      out[m + y] = s;
    }
  }
}

/** Sign bits of the window's K×K coefficients but the constant one (my × rows), into out[o], out[o + 1]. */
function signBits(rows: Float64Array, my: Float64Array, out: Int32Array, o: number): void {
  let lo = 0;
  let hi = 0;
  for (let v = 0, bit = -1; v < K; v++) {
    const m = v * S;
    for (let u = 0; u < K; u++, bit++) {
      if (bit < 0) continue;
      const r = u * S;
      let s = 0;
      for (let y = 0; y < S; y++) s += my[m + y]! * rows[r + y]!;
      if (s > 0) {
        if (bit < 32) lo |= 1 << bit;
        else hi |= 1 << (bit - 32);
      }
    }
  }
  out[o] = lo;
  out[o + 1] = hi;
}

/** Scratch the keys are written to (valid until the next call). */
const OUT = new Int32Array(CUTS.length * CUTS.length * KEY_WORDS);

function keysOf(print: Uint8Array, set: WindowSet): Int32Array {
  planesOf(print);
  const n = set.xOf.length;
  const out = OUT;
  for (let c = 0; c < 3; c++) {
    for (let x = 0; x < set.x.length; x++) rowsTimes(PLANES[c]!, set.x[x]!, ROWS[x]!);
    for (let w = 0; w < n; w++) signBits(ROWS[set.xOf[w]!]!, set.y[set.yOf[w]!]!, out, w * KEY_WORDS + c * 2);
  }
  return out.subarray(0, n * KEY_WORDS);
}

/** KEY_WORDS words for each window in CROPS of a print: what the index holds (a scratch array, overwritten by the
 *  next call of cropKeys or wholeKey). */
export const cropKeys = (print: Uint8Array): Int32Array => keysOf(print, CROP_SET);

/** KEY_WORDS words of the whole print: what a copy is looked up by (the same scratch array). */
export const wholeKey = (print: Uint8Array): Int32Array => keysOf(print, WHOLE_SET);
