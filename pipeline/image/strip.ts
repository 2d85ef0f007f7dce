// Removes EXIF/XMP/IPTC/comments from JPEG, PNG and WebP files byte-wise, leaving the coded pixels untouched.

/** JPEG: drops APP1 (EXIF/XMP), APP13 (IPTC/Photoshop) and COM segments; keeps JFIF, ICC (APP2), Adobe (APP14), tables. */
export function stripJpeg(src: Buffer): Buffer | undefined {
  if (src.length < 4 || src[0] !== 0xff || src[1] !== 0xd8) return undefined;
  const parts: Buffer[] = [src.subarray(0, 2)];
  let p = 2;
  while (p < src.length) {
    if (src[p] !== 0xff) return undefined;
    let q = p;
    while (q < src.length && src[q] === 0xff) q++;
    const marker = src[q];
    if (marker === undefined) return undefined;
    const segStart = q - 1;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(src.subarray(segStart, q + 1));
      p = q + 1;
      continue;
    }
    if (marker === 0xd9) {
      parts.push(src.subarray(segStart, q + 1));
      return Buffer.concat(parts);
    }
    if (q + 2 >= src.length) return undefined;
    const len = src.readUInt16BE(q + 1);
    const end = q + 1 + len;
    if (len < 2 || end > src.length) return undefined;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data and everything after it is kept as is.
      parts.push(src.subarray(segStart));
      return Buffer.concat(parts);
    }
    if (marker !== 0xe1 && marker !== 0xed && marker !== 0xfe) parts.push(src.subarray(segStart, end));
    p = end;
  }
  return undefined;
}

const PNG_SIG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);

/** PNG: drops eXIf and text chunks (tEXt/iTXt/zTXt carry XMP and comments) and tIME; CRCs of kept chunks stay valid. */
export function stripPng(src: Buffer): Buffer | undefined {
  if (src.length < 8 || !src.subarray(0, 8).equals(PNG_SIG)) return undefined;
  const parts: Buffer[] = [PNG_SIG];
  let p = 8;
  while (p + 12 <= src.length) {
    const len = src.readUInt32BE(p);
    const type = src.toString('latin1', p + 4, p + 8);
    const end = p + 12 + len;
    if (end > src.length) return undefined;
    if (!PNG_DROP.has(type)) parts.push(src.subarray(p, end));
    p = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}

/** WebP: drops EXIF and XMP chunks, clears their VP8X flags and rewrites the RIFF size. */
export function stripWebp(src: Buffer): Buffer | undefined {
  if (src.length < 12 || src.toString('latin1', 0, 4) !== 'RIFF' || src.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const parts: Buffer[] = [];
  let p = 12;
  while (p + 8 <= src.length) {
    const fourcc = src.toString('latin1', p, p + 4);
    const size = src.readUInt32LE(p + 4);
    const end = p + 8 + size + (size & 1);
    if (p + 8 + size > src.length) return undefined;
    if (fourcc === 'VP8X') {
      const chunk = Buffer.from(src.subarray(p, Math.min(end, src.length)));
      chunk[8] = chunk[8]! & ~0x0c;
      parts.push(chunk);
    } else if (fourcc !== 'EXIF' && fourcc !== 'XMP ') {
      parts.push(src.subarray(p, Math.min(end, src.length)));
    }
    p = end;
  }
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}
