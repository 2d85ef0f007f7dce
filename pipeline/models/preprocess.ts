// Image → model input: decode with sharp (once for both models), resize (stretch or fit), and pack float32 tensors in NCHW or NHWC.
import sharp from 'sharp';

const LIMIT_PIXELS = 268_402_689;

/** Decodes and resizes to exactly width×height RGB (aspect not kept, as the models were trained), 8-bit HWC. */
export async function rgbResized(data: Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(data, { limitInputPixels: LIMIT_PIXELS, failOn: 'none' })
    .rotate()
    .toColourspace('srgb')
    .removeAlpha()
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
}

/** Packs 8-bit RGB HWC pixels as (x - mean) / std into `out` (NCHW when `chw`), at `offset` floats. */
export function packPixels(rgb: Uint8Array, out: Float32Array, offset: number, mean: number, std: number, chw: boolean): void {
  const n = rgb.length / 3;
  if (chw) {
    for (let i = 0; i < n; i++) {
      out[offset + i] = (rgb[i * 3]! - mean) / std;
      out[offset + n + i] = (rgb[i * 3 + 1]! - mean) / std;
      out[offset + 2 * n + i] = (rgb[i * 3 + 2]! - mean) / std;
    }
  } else {
    for (let i = 0; i < rgb.length; i++) out[offset + i] = (rgb[i]! - mean) / std;
  }
}

export interface Letterboxed {
  rgb: Buffer;
  /** Model pixels per original pixel. */
  scale: number;
}

/** Decodes, scales to fit width×height keeping the aspect (no upscaling past `maxScale`), pads right/bottom with black. */
export async function rgbLetterboxed(data: Buffer, width: number, height: number, maxScale = Infinity): Promise<Letterboxed> {
  const img = sharp(data, { limitInputPixels: LIMIT_PIXELS, failOn: 'none' }).rotate();
  const meta = await img.metadata();
  const w0 = meta.autoOrient?.width ?? meta.width ?? width;
  const h0 = meta.autoOrient?.height ?? meta.height ?? height;
  const scale = Math.min(width / w0, height / h0, maxScale);
  const w = Math.max(1, Math.min(width, Math.round(w0 * scale)));
  const h = Math.max(1, Math.min(height, Math.round(h0 * scale)));
  const rgb = await img
    .toColourspace('srgb')
    .removeAlpha()
    .resize(w, h, { fit: 'fill' })
    .extend({ right: width - w, bottom: height - h, background: { r: 0, g: 0, b: 0 } })
    .raw()
    .toBuffer();
  return { rgb, scale };
}

export interface Fitted {
  /** RGB, 8-bit HWC, width×height. */
  rgb: Buffer;
  width: number;
  height: number;
  /** Model pixels per original pixel. */
  scale: number;
}

/** A w0×h0 picture's size scaled to fit maxSide×maxSide keeping the aspect (no upscaling past `maxScale`). */
function fitted(w0: number, h0: number, maxSide: number, maxScale: number): { width: number; height: number; scale: number } {
  const scale = Math.min(maxSide / w0, maxSide / h0, maxScale);
  return { width: Math.max(1, Math.min(maxSide, Math.round(w0 * scale))), height: Math.max(1, Math.min(maxSide, Math.round(h0 * scale))), scale };
}

/** Decodes once, orientation applied, scaled to fit maxSide×maxSide keeping the aspect (no upscaling past `maxScale`). */
export async function rgbFitted(data: Buffer, maxSide: number, maxScale = Infinity): Promise<Fitted> {
  const img = sharp(data, { limitInputPixels: LIMIT_PIXELS, failOn: 'none' }).rotate();
  const meta = await img.metadata();
  const w0 = meta.autoOrient?.width ?? meta.width ?? maxSide;
  const h0 = meta.autoOrient?.height ?? meta.height ?? maxSide;
  const { width, height, scale } = fitted(w0, h0, maxSide, maxScale);
  const rgb = await img.toColourspace('srgb').removeAlpha().resize(width, height, { fit: 'fill' }).raw().toBuffer();
  return { rgb, width, height, scale };
}

/** Pixels already decoded by sharp (any channel count: grey, grey+alpha, RGB, RGBA), 8-bit HWC, orientation applied. */
export interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

/** As rgbFitted, from pixels already decoded (the item's preview): no second decode of the original. `scale` is model
 *  pixels per decoded pixel. */
export async function rgbFittedFrom(img: Decoded, maxSide: number, maxScale = Infinity): Promise<Fitted> {
  const { width, height, scale } = fitted(img.width, img.height, maxSide, maxScale);
  // Already RGB at the detector's size (small images are never upscaled): the pixels as they are.
  const rgb = img.channels === 3 && width === img.width && height === img.height ? img.data : await rgbFrom(img, width, height);
  return { rgb, width, height, scale };
}

/** Decoded pixels as RGB (alpha dropped, grey expanded) stretched to exactly width×height. */
export async function rgbFrom(img: Decoded, width: number, height: number): Promise<Buffer> {
  const rgb = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels as 1 | 2 | 3 | 4 } })
    .removeAlpha()
    .toColourspace('srgb')
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  if (rgb.length !== width * height * 3) throw new Error(`expected ${width}×${height} RGB pixels, got ${rgb.length} bytes`);
  return rgb;
}

/** Resizes already decoded RGB pixels to exactly width×height (stretch, as rgbResized); `linear`: bilinear, as nsfwjs
 *  itself resizes its input (tf.image.resizeBilinear), and cheaper than sharp's default lanczos3. */
export async function rgbResizedFrom(img: { rgb: Buffer; width: number; height: number }, width: number, height: number, kernel: 'lanczos3' | 'linear' = 'lanczos3'): Promise<Buffer> {
  if (img.width === width && img.height === height) return img.rgb;
  return sharp(img.rgb, { raw: { width: img.width, height: img.height, channels: 3 } })
    .resize(width, height, { fit: 'fill', kernel })
    .raw()
    .toBuffer();
}
