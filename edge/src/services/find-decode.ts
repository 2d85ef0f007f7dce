// Decodes an uploaded JPEG or PNG in the Worker (pure-JS decoders, no sharp) and shrinks it to the preview perceptual identity is computed from.
import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import type { Pixels } from '../../../pipeline/image/identity-frame.js';
import { jpegOrientation, orient } from './find-orientation.js';

/** The pipeline's preview long side (pipeline/image/limits.ts `thumbSide`): identity is computed on a picture this size. */
export const PREVIEW_SIDE = 256;
/** Most pixels decoded: jpeg-js needs up to ~21 bytes a pixel (4:4:4 chroma; a 12 MP JPEG took over 120 MB, past a
 *  Worker's 128 MB); 3 MP stay within DECODE_MEMORY_MB. The search looks at a 256 px preview: a smaller copy finds the
 *  same works. */
export const MAX_FIND_PIXELS = 3_000_000;
const DECODE_MEMORY_MB = 72;

/** An 8-bit RGB or RGBA (or grey, grey+alpha) picture from a decoded PNG of any depth, palette or not. */
function pngPixels(bytes: Uint8Array): Pixels {
  const png = decodePng(bytes);
  if (png.palette) {
    const data = convertIndexedToRgb(png);
    return { data, width: png.width, height: png.height, channels: png.palette[0]!.length };
  }
  const n = png.width * png.height * png.channels;
  const data = new Uint8Array(n);
  if (png.depth === 16) for (let i = 0; i < n; i++) data[i] = png.data[i]! >> 8;
  else if (png.depth === 8) data.set(png.data.subarray(0, n));
  else {
    // 1, 2 or 4 bits a sample (grey only), packed per line, scaled to 0–255
    const d = png.depth;
    const perLine = Math.ceil((d * png.channels * png.width) / 8);
    const max = (1 << d) - 1;
    for (let y = 0; y < png.height; y++)
      for (let s = 0; s < png.width * png.channels; s++) {
        const bit = s * d;
        const byte = png.data[y * perLine + (bit >> 3)]!;
        data[y * png.width * png.channels + s] = Math.round((((byte >> (8 - d - (bit & 7))) & max) * 255) / max);
      }
  }
  return { data, width: png.width, height: png.height, channels: png.channels };
}

/** Size of the preview: the long side PREVIEW_SIDE at most, never enlarged (sharp's `fit: 'inside'`). */
export function previewSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Box-filtered shrink: every source pixel counts once, in the preview pixel its centre falls in. */
export function shrink(p: Pixels, width: number, height: number): Pixels {
  if (width === p.width && height === p.height) return p;
  const c = p.channels;
  const sums = new Float64Array(width * height * c);
  const counts = new Float64Array(width * height);
  const col = new Int32Array(p.width);
  for (let x = 0; x < p.width; x++) col[x] = Math.min(width - 1, Math.floor(((x + 0.5) * width) / p.width));
  for (let y = 0; y < p.height; y++) {
    const row = Math.min(height - 1, Math.floor(((y + 0.5) * height) / p.height)) * width;
    let i = y * p.width * c;
    for (let x = 0; x < p.width; x++) {
      const o = row + col[x]!;
      counts[o] = counts[o]! + 1;
      for (let k = 0; k < c; k++, i++) sums[o * c + k] = sums[o * c + k]! + p.data[i]!;
    }
  }
  const data = new Uint8Array(width * height * c);
  for (let o = 0; o < width * height; o++) for (let k = 0; k < c; k++) data[o * c + k] = Math.round(sums[o * c + k]! / Math.max(1, counts[o]!));
  return { data, width, height, channels: c };
}

/** The upright preview of a JPEG or PNG (the caller has sniffed the format and checked the header's pixel count).
 *  Throws when the data cannot be decoded. */
export function decodePreview(bytes: Uint8Array, format: 'jpeg' | 'png'): Pixels {
  let full: Pixels;
  let orientation = 1;
  if (format === 'jpeg') {
    const j = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_FIND_PIXELS / 1e6, maxMemoryUsageInMB: DECODE_MEMORY_MB });
    full = { data: j.data, width: j.width, height: j.height, channels: Math.round(j.data.length / (j.width * j.height)) };
    orientation = jpegOrientation(bytes);
  } else full = pngPixels(bytes);
  const size = previewSize(full.width, full.height);
  return orient(shrink(full, size.width, size.height), orientation);
}
