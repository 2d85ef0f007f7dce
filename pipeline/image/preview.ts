// Decodes an image once (shrink-on-load, pixel limit, orientation applied) to a small raw preview for phash and thumbnails.
import sharp from 'sharp';
import { LIMITS } from './limits.js';

export interface Preview {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Throws when the pixels cannot be decoded (truncated or corrupt data); the caller turns that into `image.unreadable`. */
export async function decodePreview(data: Buffer): Promise<Preview> {
  const { data: raw, info } = await sharp(data, { limitInputPixels: LIMITS.maxPixels, failOn: 'truncated', animated: false })
    .autoOrient()
    .resize(LIMITS.thumbSide, LIMITS.thumbSide, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: raw, width: info.width, height: info.height, channels: info.channels };
}

/** The gallery thumbnail (WebP, ≤ thumbSide px long side) and a tiny inline placeholder (data: URL). */
export async function makeDerivatives(p: Preview): Promise<{ thumb: Buffer; placeholder: string }> {
  const raw = { raw: { width: p.width, height: p.height, channels: p.channels } };
  const [thumb, tiny] = await Promise.all([
    sharp(p.data, raw).webp({ quality: 80, effort: 2 }).toBuffer(),
    sharp(p.data, raw)
      .resize(LIMITS.placeholderSide, LIMITS.placeholderSide, { fit: 'inside' })
      .webp({ quality: 40, effort: 2 })
      .toBuffer(),
  ]);
  return { thumb, placeholder: `data:image/webp;base64,${tiny.toString('base64')}` };
}
