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

/** a[i … i + 16) · b[j … j + 16), summed in order (written out: the loop is most of the keys' cost). */
function dot16(a: Float64Array, i: number, b: Float64Array, j: number): number {
  return (
    a[i]! * b[j]! +
    a[i + 1]! * b[j + 1]! +
    a[i + 2]! * b[j + 2]! +
    a[i + 3]! * b[j + 3]! +
    a[i + 4]! * b[j + 4]! +
    a[i + 5]! * b[j + 5]! +
    a[i + 6]! * b[j + 6]! +
    a[i + 7]! * b[j + 7]! +
    a[i + 8]! * b[j + 8]! +
    a[i + 9]! * b[j + 9]! +
    a[i + 10]! * b[j + 10]! +
    a[i + 11]! * b[j + 11]! +
    a[i + 12]! * b[j + 12]! +
    a[i + 13]! * b[j + 13]! +
    a[i + 14]! * b[j + 14]! +
    a[i + 15]! * b[j + 15]!
  );
}

/** The plane's rows times the x-cut matrix `mx` (transposed), into `out` (K × S: frequency-major). */
function rowsTimes(plane: Float64Array, mx: Float64Array, out: Float64Array): void {
  for (let u = 0; u < K; u++) {
    const m = u * S;
    for (let y = 0; y < S; y++) {
      out[m + y] = dot16(plane, y * S, mx, m);
    }
  }
}

/** Which coefficients a key takes and where their sign bits go: for each, the offsets of its rows in the y-cut matrix
 *  (v × S) and in the x-cut product (u × S), and its bit in the key; `plane[c] … plane[c + 1]` are plane c's. */
interface KeyBits {
  words: number;
  v: Int32Array;
  u: Int32Array;
  bit: Int32Array;
  plane: Int32Array;
}

/** A key of the given bits of each plane (bit b is coefficient (u, v) with v × K + u = b + 1), placed at `place(plane, b, n)`
 *  (n: how many were placed before it). */
function keyBits(words: number, bits: readonly (readonly number[])[], place: (plane: number, b: number, n: number) => number): KeyBits {
  const v: number[] = [];
  const u: number[] = [];
  const bit: number[] = [];
  const plane = [0];
  bits.forEach((bs, c) => {
    for (const b of bs) {
      v.push(Math.floor((b + 1) / K) * S);
      u.push(((b + 1) % K) * S);
      bit.push(place(c, b, bit.length));
    }
    plane.push(bit.length);
  });
  return { words, v: Int32Array.from(v), u: Int32Array.from(u), bit: Int32Array.from(bit), plane: Int32Array.from(plane) };
}

/** Sign bits of plane c's coefficients of one window (my × rows) into the key at out[o…]. */
function signBits(rows: Float64Array, my: Float64Array, out: Int32Array, o: number, bits: KeyBits, c: number): void {
  const { v, u, bit } = bits;
  for (let k = bits.plane[c]!, end = bits.plane[c + 1]!; k < end; k++)
    if (dot16(my, v[k]!, rows, u[k]!) > 0) {
      const i = o + (bit[k]! >> 5);
      out[i] = out[i]! | (1 << (bit[k]! & 31));
    }
}

/** Every bit of every plane: 63 a plane, plane c's in words 2c and 2c + 1. */
const FULL_BITS = keyBits(
  KEY_WORDS,
  [0, 1, 2].map(() => Array.from({ length: K * K - 1 }, (_, b) => b)),
  (c, b) => c * 64 + b,
);

/** Scratch the keys are written to (valid until the next call). */
const OUT = new Int32Array(CUTS.length * CUTS.length * KEY_WORDS);

function keysOf(print: Uint8Array, set: WindowSet, bits = FULL_BITS): Int32Array {
  planesOf(print);
  const n = set.xOf.length;
  const out = OUT.subarray(0, n * bits.words);
  out.fill(0);
  for (let c = 0; c < 3; c++) {
    for (let x = 0; x < set.x.length; x++) rowsTimes(PLANES[c]!, set.x[x]!, ROWS[x]!);
    for (let w = 0; w < n; w++) signBits(ROWS[set.xOf[w]!]!, set.y[set.yOf[w]!]!, out, w * bits.words, bits, c);
  }
  return out;
}

/** KEY_WORDS words for each window in CROPS of a print: what the index holds (a scratch array, overwritten by the
 *  next call of cropKeys or wholeKey). */
export const cropKeys = (print: Uint8Array): Int32Array => keysOf(print, CROP_SET);

/** KEY_WORDS words of the whole print: what a copy is looked up by (the same scratch array). */
export const wholeKey = (print: Uint8Array): Int32Array => keysOf(print, WHOLE_SET);

/**
 * The bits of the short key, per plane (luma, B − Y, R − Y; bit b is coefficient (u, v) with v × 8 + u = b + 1): the
 * 128 of the 189 whose sign differs most often between a copy and windows of distinct prints near it and least often
 * between a cropped copy and the window of its original, measured on 200 corpus crops (seed 4242, not the evaluation's
 * set) against the candidates within 40 bits among 7,819 originals. Most dropped bits are low frequencies that nearly
 * every plate shares (a bright page, a dark middle): they tell candidates apart no better than chance and only add
 * a crop's noise. What the dedup index holds: pipeline/README.md "Perceptual identity".
 */
export const SHORT_BITS = [
  [2, 6, 8, 10, 11, 12, 14, 15, 16, 18, 20, 21, 22, 24, 26, 27, 28, 31, 32, 34, 35, 36, 38, 39, 40, 41, 42, 43, 44, 45, 46, 48, 50, 51, 52, 54, 55, 56, 57, 58, 59, 60, 62],
  [0, 2, 3, 5, 7, 9, 11, 13, 14, 16, 18, 20, 21, 22, 23, 24, 25, 27, 28, 29, 30, 32, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 51, 52, 54, 55, 56, 57, 58, 59, 60, 61, 62],
  [0, 4, 5, 8, 12, 14, 16, 18, 20, 21, 22, 27, 28, 29, 30, 32, 34, 35, 36, 37, 39, 40, 41, 42, 43, 44, 45, 46, 48, 50, 51, 52, 53, 54, 56, 57, 58, 59, 60, 62],
] as const;

/** 32-bit words a short key takes (128 bits: the luma bits first). */
export const SHORT_WORDS = 4;

/** The short key's bits: SHORT_BITS in order, luma first. */
const SHORT_KEY = keyBits(SHORT_WORDS, SHORT_BITS, (_c, _b, n) => n);

/** The short key's bits that are luma, per word: its lead. */
export const SHORT_LUMA = Int32Array.from({ length: SHORT_WORDS }, (_, w) => {
  let m = 0;
  for (let j = w * 32; j < Math.min(SHORT_BITS[0].length, w * 32 + 32); j++) m |= 1 << (j & 31);
  return m;
});

/** The short key of each window in CROPS of a print (SHORT_WORDS words each; a scratch array, overwritten by the next
 *  call of shortCropKeys or shortWholeKey): only the coefficients it takes are worked out. */
export const shortCropKeys = (print: Uint8Array): Int32Array => keysOf(print, CROP_SET, SHORT_KEY);

/** The short key of the whole print (the same scratch array). */
export const shortWholeKey = (print: Uint8Array): Int32Array => keysOf(print, WHOLE_SET, SHORT_KEY);
