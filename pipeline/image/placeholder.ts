// The inline placeholder: a ≤ 8 px PNG data: URL made in JS from the 16×16 colour print (no extra decode or encoder run).
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk, rgbHeader } from '../util/png-chunk.js';
import { PRINT_SIDE } from './fingerprint.js';

const PLACEHOLDER_SIDE = 8;


/** Minimal 8-bit RGB PNG encoder (filter 0 rows, zlib level 9). */
function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(rows, y * (1 + width * 3) + 1);
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', rgbHeader(width, height)), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** Box-averages the square print (the image squeezed to 16×16) back to the image's aspect ratio, ≤ 8 px a side. */
export function placeholderFromPrint(print: Uint8Array, imageWidth: number, imageHeight: number): string {
  const n = PRINT_SIDE;
  const scale = PLACEHOLDER_SIDE / Math.max(imageWidth, imageHeight);
  const w = Math.max(1, Math.round(imageWidth * scale));
  const h = Math.max(1, Math.round(imageHeight * scale));
  const out = new Uint8Array(w * h * 3);
  for (let ty = 0; ty < h; ty++) {
    const y0 = Math.floor((ty * n) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((ty + 1) * n) / h));
    for (let tx = 0; tx < w; tx++) {
      const x0 = Math.floor((tx * n) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((tx + 1) * n) / w));
      for (let k = 0; k < 3; k++) {
        let s = 0;
        for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += print[(y * n + x) * 3 + k]!;
        out[(ty * w + tx) * 3 + k] = Math.round(s / ((y1 - y0) * (x1 - x0)));
      }
    }
  }
  return `data:image/png;base64,${encodePng(out, w, h).toString('base64')}`;
}
