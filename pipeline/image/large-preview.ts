// The item page's preview: WebP ≤ 1024 px a side, orientation applied, metadata stripped; keyed after its thumbnail.
import { existsSync, mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { LIMITS } from './limits.js';
import type { Preview } from './preview.js';

export const PREVIEW_SIDE = 1024;

/** The preview's pixels: the original decoded (shrink-on-load) to at most PREVIEW_SIDE px a side, orientation applied.
 *  The safety stage decodes this once for its models and hands it on, so the preview costs no second decode. */
export async function decodeLargePreview(original: Buffer): Promise<Preview> {
  const { data, info } = await sharp(original, { limitInputPixels: LIMITS.maxPixels, failOn: 'truncated', animated: false })
    .timeout({ seconds: LIMITS.decodeTimeoutSeconds })
    .autoOrient()
    .resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Encodes decoded preview pixels as the item page's WebP: byte for byte what makeLargePreview makes of the original. */
export async function encodeLargePreview(p: Preview): Promise<Buffer> {
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } })
    .webp({ quality: 80, effort: 2 })
    .toBuffer();
}

/** Decodes the original again (shrink-on-load) to at most PREVIEW_SIDE px; sharp writes no metadata unless asked. */
export async function makeLargePreview(original: Buffer): Promise<Buffer> {
  return encodeLargePreview(await decodeLargePreview(original));
}

/** `preview/<ab>/<sha of the thumbnail>.webp`: named after the item's thumbnail (both come from the same original), so
 *  the Worker's withdrawal check for a preview is the indexed thumb_key lookup, with no new column. */
export function previewKeyFor(thumbKey: string): string {
  const m = /^thumb\/([0-9a-f]{2})\/([0-9a-f]{64})\.[a-z]+$/.exec(thumbKey);
  if (!m) throw new Error(`not a thumbnail key: ${thumbKey}`);
  return `preview/${m[1]}/${m[2]}.webp`;
}

let tmp = 0;

/** Writes bytes under `key` in the file store's directory unless there already (atomic), for `files.place(key)`. */
export async function storeAs(storeDir: string, key: string, data: Uint8Array): Promise<string> {
  const path = join(storeDir, key);
  if (existsSync(path)) return key;
  mkdirSync(dirname(path), { recursive: true });
  const t = `${path}.tmp-${process.pid}-${tmp++}`;
  await writeFile(t, data);
  await rename(t, path);
  return key;
}
