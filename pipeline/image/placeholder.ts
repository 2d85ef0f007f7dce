// The inline placeholder: a ≤ 8 px PNG data: URL made in JS from the 16×16 colour print (no extra decode or encoder run).
import { deflateSync } from 'node:zlib';
import { PRINT_SIDE } from './fingerprint.js';

export const PLACEHOLDER_SIDE = 8;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** Minimal 8-bit RGB PNG encoder (filter 0 rows, zlib level 9). */
export function encodePng(rgb: Uint8Array, width: number, height: number): Buffer {
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) Buffer.from(rgb.buffer, rgb.byteOffset + y * width * 3, width * 3).copy(rows, y * (1 + width * 3) + 1);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
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
