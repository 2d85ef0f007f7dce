// What an uploaded file really is, from its bytes: JPEG, PNG, WebP or TIFF by magic bytes, and its pixel size from the
// header (no decoding). Anything else, or a header that cannot be read, is not an image we take.

export type UploadFormat = 'jpeg' | 'png' | 'webp' | 'tiff';
export interface Sniffed {
  format: UploadFormat;
  contentType: string;
  width: number;
  height: number;
}

const TYPES: Record<UploadFormat, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', tiff: 'image/tiff' };
export const EXTENSIONS: Record<UploadFormat, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', tiff: 'tif' };

const ascii = (b: Uint8Array, at: number, s: string): boolean => [...s].every((ch, i) => b[at + i] === ch.charCodeAt(0));

function png(b: Uint8Array): [number, number] | null {
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

function jpeg(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [(b[i + 7]! << 8) | b[i + 8]!, (b[i + 5]! << 8) | b[i + 6]!];
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}

function webp(b: Uint8Array): [number, number] | null {
  if (b.length < 30) return null;
  if (ascii(b, 12, 'VP8X')) return [1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16))];
  if (ascii(b, 12, 'VP8L') && b[20] === 0x2f) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (ascii(b, 12, 'VP8 ') && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return [(b[26]! | (b[27]! << 8)) & 0x3fff, (b[28]! | (b[29]! << 8)) & 0x3fff];
  return null;
}

function tiff(b: Uint8Array): [number, number] | null {
  const little = b[0] === 0x49;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (at: number) => v.getUint16(at, little);
  const u32 = (at: number) => v.getUint32(at, little);
  const ifd = u32(4);
  if (ifd + 2 > b.length) return null;
  let width = 0;
  let height = 0;
  const n = u16(ifd);
  for (let k = 0; k < n; k++) {
    const at = ifd + 2 + k * 12;
    if (at + 12 > b.length) return null;
    const tag = u16(at);
    const type = u16(at + 2);
    const value = type === 3 ? u16(at + 8) : u32(at + 8);
    if (tag === 256) width = value;
    if (tag === 257) height = value;
  }
  return width && height ? [width, height] : null;
}

/** The format by magic bytes and the pixel size from the header; null when it is none of the four or unreadable. */
export function sniffImage(b: Uint8Array): Sniffed | null {
  let format: UploadFormat | null = null;
  let size: [number, number] | null = null;
  try {
    if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n')) [format, size] = ['png', png(b)];
    else if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) [format, size] = ['jpeg', jpeg(b)];
    else if (b.length >= 12 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) [format, size] = ['webp', webp(b)];
    else if (b.length >= 8 && (ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*'))) [format, size] = ['tiff', tiff(b)];
  } catch {
    return null;
  }
  if (!format || !size || size[0] <= 0 || size[1] <= 0) return null;
  return { format, contentType: TYPES[format], width: size[0], height: size[1] };
}

const GENERIC_TYPES = new Set(['', 'application/octet-stream']);

/** Whether a client's declared type (File.type, Content-Type) lies about what the bytes are: a generic or missing type
 *  is no claim; image/jpg stands for JPEG. */
export function declaredTypeLies(declaredType: string, image: Sniffed): string | null {
  const declared = declaredType.split(';')[0]!.trim().toLowerCase();
  if (GENERIC_TYPES.has(declared) || declared === image.contentType || (declared === 'image/jpg' && image.format === 'jpeg')) return null;
  return declared;
}
