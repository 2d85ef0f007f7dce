// The item page's preview made in two steps (decode to pixels, which the safety stage also feeds its models; then encode) is byte for byte the one-step sharp chain.
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { decodeLargePreview, encodeLargePreview, PREVIEW_SIDE } from '../../../pipeline/image/large-preview.js';
import { LIMITS } from '../../../pipeline/image/limits.js';

/** The preview as one sharp chain from the original: what the derivatives stage made before the decode was shared. */
const oneStep = (original: Buffer) =>
  sharp(original, { limitInputPixels: LIMITS.maxPixels, failOn: 'truncated', animated: false })
    .autoOrient()
    .resize(PREVIEW_SIDE, PREVIEW_SIDE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80, effort: 2 })
    .toBuffer();

it('equals the one-step preview for every kind of input the pipeline accepts', async () => {
  const svg = Buffer.from('<svg width="1500" height="900"><rect width="1500" height="900" fill="#c83c1e"/><circle cx="700" cy="400" r="300" fill="blue"/><text x="100" y="100" font-size="80">Pear</text></svg>');
  const rgb = await sharp(svg).png().toBuffer();
  const inputs: Record<string, Buffer> = {
    jpeg: await sharp(rgb).jpeg().toBuffer(),
    'jpeg, EXIF orientation 6': await sharp(rgb).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
    'jpeg, CMYK': await sharp(rgb).toColourspace('cmyk').jpeg().toBuffer(),
    'jpeg, grey': await sharp(rgb).greyscale().jpeg().toBuffer(),
    'png, 16-bit': await sharp(rgb).toColourspace('rgb16').png().toBuffer(),
    'png, alpha': await sharp(rgb).ensureAlpha(0.4).png().toBuffer(),
    'png, palette': await sharp(rgb).png({ palette: true }).toBuffer(),
    'png, small': await sharp(rgb).resize(300).png().toBuffer(),
    webp: await sharp(rgb).webp().toBuffer(),
    tiff: await sharp(rgb).tiff().toBuffer(),
    gif: await sharp(rgb).gif().toBuffer(),
  };
  for (const [kind, data] of Object.entries(inputs)) {
    const pixels = await decodeLargePreview(data);
    expect(Math.max(pixels.width, pixels.height), kind).toBe(kind === 'png, small' ? 300 : PREVIEW_SIDE);
    expect((await encodeLargePreview(pixels)).equals(await oneStep(data)), kind).toBe(true);
  }
});
