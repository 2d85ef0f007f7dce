// The published original: the fetched file without EXIF/XMP/IPTC (byte-wise where possible, else lossless PNG).
import sharp from 'sharp';
import { LIMITS } from './limits.js';
import type { Header } from './inspect.js';
import { stripJpeg, stripPng, stripWebp } from './strip.js';

export interface Published {
  data: Buffer;
  ext: string;
  /** How metadata was removed: 'bytes' (pixels untouched) or 'png' (lossless re-encode). */
  method: 'bytes' | 'png';
}

const STRIPPERS = { jpeg: stripJpeg, png: stripPng, webp: stripWebp } as const;
const EXT = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;

export async function publishOriginal(data: Buffer, header: Header): Promise<Published> {
  // A non-default EXIF orientation lives in the EXIF we remove: bake it into the pixels (lossless PNG).
  if (header.orientation === 1 && (header.format === 'jpeg' || header.format === 'png' || header.format === 'webp')) {
    const stripped = STRIPPERS[header.format](data);
    // By construction the stripped file keeps no EXIF/XMP/IPTC segment or chunk (test/pipeline/image/*metadata* proves it).
    if (stripped) return { data: stripped, ext: EXT[header.format], method: 'bytes' };
  }
  const png = await sharp(data, { limitInputPixels: LIMITS.maxPixels, animated: false })
    .timeout({ seconds: LIMITS.decodeTimeoutSeconds })
    .autoOrient()
    .png({ compressionLevel: 6 })
    .toBuffer();
  return { data: png, ext: 'png', method: 'png' };
}
