// Colour fingerprint (16×16 RGB thumbnail) that confirms pHash near-duplicate candidates: same picture ≈ same colours.
import sharp from 'sharp';
import type { Preview } from './preview.js';

export const PRINT_SIDE = 16;

export async function colourPrint(p: Preview): Promise<Buffer> {
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } })
    .removeAlpha()
    .toColourspace('srgb')
    .resize(PRINT_SIDE, PRINT_SIDE, { fit: 'fill' })
    .raw()
    .toBuffer();
}

/** Mean absolute difference of two prints, 0–255 (Infinity when they cannot be compared). */
export function colourDistance(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
