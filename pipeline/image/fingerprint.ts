// Colour fingerprint (16×16 RGB, area-averaged) that confirms pHash near-duplicate candidates: same picture ≈ same colours.
import type { Preview } from './preview.js';
import { gridAndPrint } from './signature.js';

export const PRINT_SIDE = 16;

/** Area-averaged PRINT_SIDE² RGB cells of the preview (grey is repeated into R, G and B; alpha ignored). */
export function colourPrint(p: Preview): Buffer {
  return gridAndPrint(p).print;
}

/** Mean absolute difference of two prints, 0–255 (Infinity when they cannot be compared). */
export function colourDistance(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
