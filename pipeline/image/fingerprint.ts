// Colour fingerprint (16×16 RGB, area-averaged) that confirms pHash near-duplicate candidates: same picture ≈ same colours.
import type { Preview } from './preview.js';

export const PRINT_SIDE = 16;

/** Area-averaged PRINT_SIDE² RGB cells of the preview (grey is repeated into R, G and B; alpha ignored). */
export function colourPrint(p: Preview): Buffer {
  const n = PRINT_SIDE;
  const sum = new Float64Array(n * n * 3);
  const cnt = new Float64Array(n * n);
  const grey = p.channels < 3;
  for (let y = 0; y < p.height; y++) {
    const cy = Math.min(n - 1, Math.floor((y * n) / p.height));
    for (let x = 0; x < p.width; x++) {
      const c = cy * n + Math.min(n - 1, Math.floor((x * n) / p.width));
      const i = (y * p.width + x) * p.channels;
      const r = p.data[i]!;
      sum[c * 3]! += r;
      sum[c * 3 + 1]! += grey ? r : p.data[i + 1]!;
      sum[c * 3 + 2]! += grey ? r : p.data[i + 2]!;
      cnt[c]! += 1;
    }
  }
  const out = Buffer.alloc(n * n * 3);
  for (let c = 0; c < n * n; c++) for (let k = 0; k < 3; k++) out[c * 3 + k] = cnt[c] ? Math.round(sum[c * 3 + k]! / cnt[c]!) : 0;
  return out;
}

/** Mean absolute difference of two prints, 0–255 (Infinity when they cannot be compared). */
export function colourDistance(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}
