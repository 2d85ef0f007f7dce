// Colour distance of two prints after fitting tone: what brightness, contrast and gamma edits change is fitted away, not what the picture is.
import { PRINT_SIDE } from './identity.js';
import { toneFitDistance } from './identity-tone.js';

/** Cell i of a print, or of its left-right mirror: the index arrays the tone fit reads the print through. */
const N = PRINT_SIDE * PRINT_SIDE;
const SAME = Int32Array.from({ length: N }, (_, i) => i);
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
