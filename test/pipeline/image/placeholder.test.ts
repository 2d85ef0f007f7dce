// The placeholder: a small valid PNG with the image's aspect ratio and its colours.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { placeholderFromPrint } from '../../../pipeline/image/placeholder.js';
import { gridAndPrint } from '../../../pipeline/image/signature.js';

describe('placeholderFromPrint', () => {
  it('is a ≤ 8 px PNG data: URL with the aspect ratio and colours of the image', async () => {
    // left half red, right half blue, 300×200
    const { data, info } = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#ff0000' } })
      .composite([{ input: { create: { width: 150, height: 200, channels: 3, background: '#0000ff' } }, left: 150, top: 0 }])
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { print } = gridAndPrint({ data, width: info.width, height: info.height, channels: info.channels });
    const url = placeholderFromPrint(print, 300, 200);
    expect(url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/);
    expect(url.length).toBeLessThan(400);
    const png = Buffer.from(url.split(',')[1]!, 'base64');
    const m = await sharp(png).metadata();
    expect([m.format, m.width, m.height]).toEqual(['png', 8, 5]);
    const px = await sharp(png).raw().toBuffer();
    expect([...px.subarray(0, 3)]).toEqual([255, 0, 0]);
    expect([...px.subarray(7 * 3, 8 * 3)]).toEqual([0, 0, 255]);
  });
});
