// EXIF orientation of a JPEG (tag 0x0112 in its APP1 Exif segment) and the same turn applied to decoded pixels, as sharp's autoOrient does.
import type { Pixels } from '../../../pipeline/image/identity-frame.js';

/** The orientation (1–8) a JPEG's Exif segment declares; 1 when it has none or it cannot be read. */
export function jpegOrientation(b: Uint8Array): number {
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // image data: no Exif after it
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) break;
    if (marker === 0xe1 && len > 16 && String.fromCharCode(...b.subarray(i + 4, i + 8)) === 'Exif') return tiffOrientation(b.subarray(i + 10, i + 2 + len));
    i += 2 + len;
  }
  return 1;
}

function tiffOrientation(t: Uint8Array): number {
  if (t.length < 8) return 1;
  const little = t[0] === 0x49;
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  try {
    const ifd = v.getUint32(4, little);
    const n = v.getUint16(ifd, little);
    for (let k = 0; k < n; k++) {
      const at = ifd + 2 + k * 12;
      if (v.getUint16(at, little) === 0x0112) {
        const o = v.getUint16(at + 8, little);
        return o >= 1 && o <= 8 ? o : 1;
      }
    }
  } catch {
    return 1; // a truncated or lying Exif segment: as if none
  }
  return 1;
}

/** The pixels turned upright for an EXIF orientation (2–8 mirror and/or rotate; 1 returns them unchanged). */
export function orient(p: Pixels, orientation: number): Pixels {
  if (orientation <= 1 || orientation > 8) return p;
  const swap = orientation >= 5;
  const width = swap ? p.height : p.width;
  const height = swap ? p.width : p.height;
  const c = p.channels;
  const out = new Uint8Array(p.data.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      // (sx, sy): the source pixel that lands at (x, y) once upright
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: [sx, sy] = [p.width - 1 - x, y]; break;
        case 3: [sx, sy] = [p.width - 1 - x, p.height - 1 - y]; break;
        case 4: [sx, sy] = [x, p.height - 1 - y]; break;
        case 5: [sx, sy] = [y, x]; break;
        case 6: [sx, sy] = [y, p.height - 1 - x]; break;
        case 7: [sx, sy] = [p.width - 1 - y, p.height - 1 - x]; break;
        default: [sx, sy] = [p.width - 1 - y, x]; break;
      }
      const from = (sy * p.width + sx) * c;
      const to = (y * width + x) * c;
      for (let k = 0; k < c; k++) out[to + k] = p.data[from + k]!;
    }
  return { data: out, width, height, channels: c };
}
