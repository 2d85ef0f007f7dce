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
    .timeout({ seconds: LIMITS.decodeTimeoutSeconds })
    .autoOrient()
    .resize(LIMITS.thumbSide, LIMITS.thumbSide, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: raw, width: info.width, height: info.height, channels: info.channels };
}

/** The gallery thumbnail: WebP, ≤ thumbSide px long side, from the decoded preview (no second decode). */
export async function makeThumbnail(p: Preview): Promise<Buffer> {
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } })
    .timeout({ seconds: LIMITS.decodeTimeoutSeconds })
    .webp({ quality: 80, effort: 2 })
    .toBuffer();
}
