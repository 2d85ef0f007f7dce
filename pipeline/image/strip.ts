// Keeps only what displays the image from JPEG, PNG and WebP files, byte-wise (coded pixels untouched); anything unknown falls back to a re-encode.

/** Colour profiles are kept (they are needed to show the pixels as intended); one larger than this is not, and the
 *  file is re-encoded instead (sharp converts to sRGB). */
const MAX_ICC_BYTES = 1024 * 1024;

const startsWith = (b: Buffer, at: number, text: string) => b.toString('latin1', at, at + text.length) === text;

/** JPEG marker kinds: what is kept of each; a marker not listed makes the stripper give up (re-encode). */
function jpegSegment(marker: number, src: Buffer, payload: number, end: number): 'keep' | 'drop' | 'jfif' | 'icc' | undefined {
  if (marker === 0xe0) return startsWith(src, payload, 'JFIF\0') && end - payload >= 14 ? 'jfif' : 'drop'; // JFXX thumbnails dropped
  if (marker === 0xe2) return startsWith(src, payload, 'ICC_PROFILE\0') ? 'icc' : 'drop'; // MPF index, FlashPix dropped
  if (marker === 0xee) return startsWith(src, payload, 'Adobe') ? 'keep' : 'drop'; // colour transform flag: needed to decode CMYK/YCCK
  if ((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe) return 'drop'; // EXIF, XMP, IPTC, JUMBF/C2PA (APP11), comments, …
  // Frames (SOF0–SOF15), Huffman and arithmetic tables, quantisation tables, DNL, restart interval, hierarchical markers, JPEG-LS.
  if ((marker >= 0xc0 && marker <= 0xcf) || (marker >= 0xdb && marker <= 0xdf) || marker === 0xf7 || marker === 0xf8) return 'keep';
  return undefined;
}

/**
 * JPEG: SOI, the frame, tables and scans (entropy-coded data walked to the next marker), a JFIF header without
 * its thumbnail, ICC profile and Adobe segments, EOI. Dropped: every other APPn (EXIF, XMP, IPTC, MPF, APP11
 * C2PA/JUMBF, …), COM, and everything after the first EOI (MPF secondary images, trailers, appended data).
 */
export function stripJpeg(src: Buffer): Buffer | undefined {
  if (src.length < 4 || src[0] !== 0xff || src[1] !== 0xd8) return undefined;
  const parts: Buffer[] = [Buffer.from([0xff, 0xd8])];
  let icc = 0;
  let p = 2;
  while (p < src.length) {
    if (src[p] !== 0xff) return undefined;
    let q = p;
    while (q < src.length && src[q] === 0xff) q++; // fill bytes
    const marker = src[q];
    if (marker === undefined || marker === 0xd8 || marker === 0x00) return undefined;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(Buffer.from([0xff, marker]));
      p = q + 1;
      continue;
    }
    if (marker === 0xd9) {
      parts.push(Buffer.from([0xff, 0xd9]));
      return Buffer.concat(parts);
    }
    if (q + 2 >= src.length) return undefined;
    const len = src.readUInt16BE(q + 1);
    const end = q + 1 + len;
    if (len < 2 || end > src.length) return undefined;
    if (marker === 0xda) {
      parts.push(Buffer.from([0xff, 0xda]), src.subarray(q + 1, end));
      // Entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart marker.
      let i = end;
      for (;;) {
        i = src.indexOf(0xff, i);
        if (i < 0 || i + 1 >= src.length) return undefined; // no EOI: not a complete file
        const next = src[i + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i += 2;
        else if (next === 0xff) i += 1;
        else break;
      }
      parts.push(src.subarray(end, i));
      p = i;
      continue;
    }
    const kind = jpegSegment(marker, src, q + 3, end);
    if (kind === undefined) return undefined;
    if (kind === 'keep') parts.push(Buffer.from([0xff, marker]), src.subarray(q + 1, end));
    else if (kind === 'icc') {
      icc += len;
      if (icc > MAX_ICC_BYTES) return undefined;
      parts.push(Buffer.from([0xff, marker]), src.subarray(q + 1, end));
    } else if (kind === 'jfif') {
      // identifier, version, units, densities: 12 bytes; thumbnail size forced to 0×0 (its pixels are dropped).
      const seg = Buffer.alloc(2 + 2 + 14);
      seg.writeUInt16BE(0xffe0, 0);
      seg.writeUInt16BE(16, 2);
      src.copy(seg, 4, q + 3, q + 3 + 12);
      parts.push(seg);
    }
    p = end;
  }
  return undefined;
}

const PNG_SIG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
/** Chunks needed to display the image: critical ones, transparency, colour (gamma, chromaticities, sRGB, ICC, cICP,
 *  HDR mastering and light levels), significant bits, and APNG animation. Everything else (eXIf, tEXt/iTXt/zTXt,
 *  tIME, caBX C2PA, pHYs, bKGD, private chunks, …) is dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'cICP', 'mDCV', 'cLLI', 'sBIT', 'acTL', 'fcTL', 'fdAT']);

/** PNG: the chunks of PNG_KEEP up to IEND (data after it dropped); CRCs of kept chunks stay valid. */
export function stripPng(src: Buffer): Buffer | undefined {
  if (src.length < 8 || !src.subarray(0, 8).equals(PNG_SIG)) return undefined;
  const parts: Buffer[] = [PNG_SIG];
  let p = 8;
  while (p + 12 <= src.length) {
    const len = src.readUInt32BE(p);
    const type = src.toString('latin1', p + 4, p + 8);
    const end = p + 12 + len;
    if (end > src.length) return undefined;
    const critical = (src[p + 4]! & 0x20) === 0;
    if (critical && !PNG_KEEP.has(type)) return undefined; // an unknown critical chunk: let the re-encode decide
    if (type === 'iCCP' && len > MAX_ICC_BYTES) return undefined;
    if (PNG_KEEP.has(type)) parts.push(src.subarray(p, end));
    p = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}

/** WebP chunks needed to display the image (still or animated, alpha, ICC); EXIF, XMP, C2PA and unknown chunks are dropped. */
const WEBP_KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

/** WebP: the chunks of WEBP_KEEP within the RIFF size (data after it dropped), EXIF/XMP flags of VP8X cleared, size rewritten. */
export function stripWebp(src: Buffer): Buffer | undefined {
  if (src.length < 12 || src.toString('latin1', 0, 4) !== 'RIFF' || src.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const limit = Math.min(src.length, 8 + src.readUInt32LE(4));
  const parts: Buffer[] = [];
  let p = 12;
  while (p + 8 <= limit) {
    const fourcc = src.toString('latin1', p, p + 4);
    const size = src.readUInt32LE(p + 4);
    const end = p + 8 + size + (size & 1);
    if (p + 8 + size > limit) return undefined;
    if (fourcc === 'ICCP' && size > MAX_ICC_BYTES) return undefined;
    if (fourcc === 'VP8X') {
      const chunk = Buffer.from(src.subarray(p, Math.min(end, limit)));
      chunk[8] = chunk[8]! & ~0x0c;
      parts.push(chunk);
    } else if (WEBP_KEEP.has(fourcc)) {
      parts.push(src.subarray(p, Math.min(end, limit)));
      if (end > limit) parts.push(Buffer.alloc(1)); // the pad byte a truncated RIFF size left out
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
