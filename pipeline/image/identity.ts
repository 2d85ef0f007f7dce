// Perceptual identity of a decoded picture: a DCT hash of its structure and a colour print, both of the picture inside its borders.
//
// One pass over the preview gives a GRID×GRID colour grid of the frame (identity-frame.ts trims uniform borders). Its
// luma gives a 64-bit DCT hash (brightness and contrast cancel in it) and, from the same coefficients, the hash of the
// mirrored picture; 2×2 cells of it give the 16×16 RGB print that tells two paintings of one layout apart. The print is
// compared after fitting tone (identity-compare.ts), so brightness, contrast and gamma edits do not break a match.
import { colourGrid, GRID } from './identity-grid.js';
import { pictureFrame, type Pixels } from './identity-frame.js';
import { hashBits, lowFrequencies, mirrored } from './identity-hash.js';

export const PRINT_SIDE = GRID / 2;

/** What an index holds, a catalogue record, a registry line and a withdrawal carry (format: identity-format.ts). */
export interface Fingerprint {
  /** 64-bit DCT hash of the frame's luma, 16 hex digits. */
  hash: string;
  /** PRINT_SIDE² RGB cells, row-major. */
  print: Uint8Array;
}

/** A picture's fingerprint and what its mirror's would be (what is looked up). */
export interface Identity {
  fingerprint: Fingerprint;
  mirrorHash: string;
}

export function identityOf(p: Pixels): Identity {
  const grid = colourGrid(p, pictureFrame(p));
  const luma = new Float64Array(GRID * GRID);
  for (let i = 0; i < luma.length; i++) luma[i] = 0.299 * grid[i * 3]! + 0.587 * grid[i * 3 + 1]! + 0.114 * grid[i * 3 + 2]!;
  const coeffs = lowFrequencies(luma);
  const print = new Uint8Array(PRINT_SIDE * PRINT_SIDE * 3);
  const sums = new Float64Array(print.length);
  for (let y = 0; y < GRID; y++)
    for (let x = 0; x < GRID; x++) {
      const c = ((y >> 1) * PRINT_SIDE + (x >> 1)) * 3;
      const g = (y * GRID + x) * 3;
      sums[c] = sums[c]! + grid[g]!;
      sums[c + 1] = sums[c + 1]! + grid[g + 1]!;
      sums[c + 2] = sums[c + 2]! + grid[g + 2]!;
    }
  for (let i = 0; i < print.length; i++) print[i] = Math.round(sums[i]! / 4);
  return { fingerprint: { hash: hashBits(coeffs), print }, mirrorHash: hashBits(mirrored(coeffs)) };
}
