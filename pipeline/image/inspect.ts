// Reads an image's header (no pixel decode): format, declared size, embedded metadata; refuses bombs and odd formats.
import sharp, { type Metadata } from 'sharp';
import type { DecisionCode, ImageFormat } from '../catalog/index.js';
import { LIMITS, SUPPORTED_FORMATS } from './limits.js';

export interface Header {
  format: ImageFormat;
  /** Displayed size (after EXIF orientation). */
  width: number;
  height: number;
  orientation: number;
  pages: number;
  exif?: Buffer;
  xmp?: Buffer;
  iptc?: Buffer;
}

export type Inspected = { ok: true; header: Header } | { ok: false; code: DecisionCode; detail: string };

function fail(code: DecisionCode, detail: string): Inspected {
  return { ok: false, code, detail };
}

export async function inspect(data: Buffer): Promise<Inspected> {
  if (data.length === 0) return fail('image.unreadable', 'empty file (0 bytes)');
  let m: Metadata;
  try {
    // Header only: safe without a pixel limit; the size is checked below before anything decodes pixels.
    m = await sharp(data, { limitInputPixels: false }).metadata();
  } catch (err) {
    const msg = (err as Error).message;
    if (/unsupported image format/i.test(msg)) return fail('image.unreadable', 'not an image (unknown file signature)');
    return fail('image.unreadable', `cannot read image header: ${msg}`);
  }
  let format = m.format as string;
  if (format === 'heif') format = m.compression === 'av1' ? 'avif' : 'heif';
  if (!(SUPPORTED_FORMATS as readonly string[]).includes(format)) {
    return fail('image.unsupported', `${format.toUpperCase()} is not a supported raster format (JPEG, PNG, WebP, GIF, TIFF, AVIF)`);
  }
  const w = m.width ?? 0;
  const h = m.pageHeight ?? m.height ?? 0;
  if (!w || !h) return fail('image.unreadable', 'image header declares no size');
  if (w * h > LIMITS.maxPixels || Math.max(w, h) > LIMITS.maxSide) {
    return fail('image.too-large', `declares ${w}×${h} pixels (limit ${LIMITS.maxPixels} pixels, ${LIMITS.maxSide} px a side)`);
  }
  if (Math.min(w, h) < LIMITS.minSide) return fail('image.too-small', `${w}×${h} pixels (minimum ${LIMITS.minSide} px a side)`);
  const orientation = m.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  return {
    ok: true,
    header: {
      format: format as ImageFormat,
      width: swap ? h : w,
      height: swap ? w : h,
      orientation,
      pages: m.pages ?? 1,
      exif: m.exif,
      xmp: m.xmp,
      iptc: m.iptc,
    },
  };
}
