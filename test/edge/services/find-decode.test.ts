// The Worker's side of "Find my works", unit by unit: EXIF orientation, the preview size, PNG depths and palettes decoded
// to the same picture, the band probe of the D1 look-up, and the pid1 text round trip.
import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodePreview, previewSize, shrink } from '../../../edge/src/services/find-decode.js';
import { formatFingerprint, hamming, parseFingerprint } from '../../../edge/src/services/find-fingerprint.js';
import { queryOf } from '../../../edge/src/services/find-identity.js';
import { bandProbe } from '../../../edge/src/services/find-index.js';
import { jpegOrientation, orient } from '../../../edge/src/services/find-orientation.js';
import { jpeg, picture, png } from '../find-helpers.js';

/** A JPEG with an Exif APP1 segment declaring `orientation` inserted after SOI. */
function withOrientation(j: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0];
  const body = [...new TextEncoder().encode('Exif'), 0, 0, ...tiff];
  const app1 = [0xff, 0xe1, ((body.length + 2) >> 8) & 255, (body.length + 2) & 255, ...body];
  return new Uint8Array([...j.subarray(0, 2), ...app1, ...j.subarray(2)]);
}

describe('find-decode', () => {
  it('reads the EXIF orientation and turns the picture upright (dimensions swapped for 5–8)', () => {
    const plain = jpeg(3, 120, 80);
    expect(jpegOrientation(plain)).toBe(1);
    const turned = withOrientation(plain, 6);
    expect(jpegOrientation(turned)).toBe(6);
    const p = decodePreview(turned, 'jpeg');
    expect([p.width, p.height]).toEqual([80, 120]);
    // 2 × 1 picture, orientation 6 (rotate 90° clockwise): left pixel on top
    const tiny = orient({ data: new Uint8Array([1, 1, 1, 2, 2, 2]), width: 2, height: 1, channels: 3 }, 6);
    expect([tiny.width, tiny.height, [...tiny.data]]).toEqual([1, 2, [1, 1, 1, 2, 2, 2]]);
    expect([...orient({ data: new Uint8Array([1, 2]), width: 2, height: 1, channels: 1 }, 2).data]).toEqual([2, 1]);
  });

  it('previews at most 256 px on the long side, never enlarged; the shrink averages', () => {
    expect(previewSize(1000, 500)).toEqual({ width: 256, height: 128 });
    expect(previewSize(100, 50)).toEqual({ width: 100, height: 50 });
    const s = shrink({ data: new Uint8Array([0, 100, 200, 100]), width: 4, height: 1, channels: 1 }, 2, 1);
    expect([...s.data]).toEqual([50, 150]);
  });

  it('decodes 16-bit, grey, 1-bit and palette PNGs to the picture an 8-bit RGB PNG gives', async () => {
    const w = 96;
    const h = 64;
    const rgb = picture(4, w, h);
    const reference = (await queryOf(png(4, w, h), 'image/png')).identity.fingerprint.hash;
    const deep = encodePng({ width: w, height: h, channels: 3, depth: 16, data: Uint16Array.from(rgb, (v) => v * 257) });
    expect(hamming((await queryOf(deep, 'image/png')).identity.fingerprint.hash, reference)).toBeLessThanOrEqual(2);
    const grey = Uint8Array.from({ length: w * h }, (_, i) => rgb[i * 3 + 1]!);
    const greyPng = decodePreview(encodePng({ width: w, height: h, channels: 1, depth: 8, data: grey }), 'png');
    expect(greyPng.channels).toBe(1);
    const bits = new Uint8Array(Math.ceil(w / 8) * h).fill(0b10100000);
    const onebit = decodePreview(encodePng({ width: w, height: h, channels: 1, depth: 1, data: bits }), 'png');
    expect([...onebit.data.subarray(0, 4)]).toEqual([255, 0, 255, 0]);
    const palette: [number, number, number][] = [[255, 0, 0], [0, 0, 255]];
    const indexed = decodePreview(encodePng({ width: 4, height: 1, channels: 1, depth: 8, data: new Uint8Array([0, 1, 1, 0]), palette }), 'png');
    expect([...indexed.data]).toEqual([255, 0, 0, 0, 0, 255, 0, 0, 255, 255, 0, 0]);
  });

  it('probes every band value within 2 bits, and formats fingerprints as the pipeline does', async () => {
    const probe = bandProbe(0xa5f0, 2);
    expect(new Set(probe).size).toBe(1 + 16 + 120);
    expect(probe).toContain('a5f0');
    expect(probe.every((x) => hamming(`${x}000000000000`, 'a5f0000000000000') <= 2)).toBe(true);
    const f = (await queryOf(jpeg(5, 200, 150), 'image/jpeg')).identity.fingerprint;
    const text = formatFingerprint(f);
    expect(text).toMatch(/^pid1:[0-9a-f]{16}\.[A-Za-z0-9_-]{1024}$/);
    expect(parseFingerprint(text)).toEqual(f);
    expect(parseFingerprint('pid1:nope')).toBeNull();
  });
});
