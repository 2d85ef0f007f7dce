// Sample cases for the image, dedup and derivatives stages: every image.* code, duplicates, EXIF GPS, large and odd formats.
import sharp from 'sharp';
import type { CaseModule, SampleCase } from './case.js';
import { NOT_AN_IMAGE, SVG_IMAGE, pngBomb, truncate } from './bad-files.js';
import { drawImage } from './draw.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';

export const imageCases: CaseModule = async () => {
  const base = { format: 'jpeg' as const, width: 640, height: 480, seed: 9001 };
  const baseBytes = await drawImage(base);
  const nearSmaller = await sharp(baseBytes).resize(600, 450).webp({ quality: 80 }).toBuffer();
  const nearRecoded = await sharp(baseBytes).jpeg({ quality: 55 }).toBuffer();
  const gif = await sharp(await drawImage({ format: 'png', width: 300, height: 220, seed: 9050 })).gif().toBuffer();
  const recordedBody = await drawImage({ format: 'jpeg', width: 500, height: 360, seed: 9060 });
  // A camera JPEG stored sideways with EXIF orientation 6: published as PNG with the rotation applied.
  const rotated = await sharp(await drawImage({ format: 'jpeg', width: 480, height: 320, seed: 9070 })).withMetadata({ orientation: 6 }).jpeg().toBuffer();
  const c = (id: string, expect: SampleCase['expect'], rest: Omit<SampleCase, 'item' | 'expect'> & { item?: Partial<SampleCase['item']> }): SampleCase => ({
    ...rest,
    item: { title: id.replace(/-/g, ' '), licence: CC0, ...rest.item, id },
    expect,
  });
  const cases: SampleCase[] = [
    // bad files
    c('img-truncated-jpeg', 'image.unreadable', { picture: { bytes: truncate(await drawImage({ ...base, seed: 9002 })), ext: 'jpg' } }),
    c('img-empty-file', 'image.unreadable', { picture: { bytes: Buffer.alloc(0), ext: 'jpg' } }),
    c('img-not-an-image', 'image.unreadable', { picture: { bytes: NOT_AN_IMAGE, ext: 'jpg' } }),
    c('img-svg', 'image.unsupported', { picture: { bytes: SVG_IMAGE, ext: 'svg' } }),
    c('img-png-bomb-100000x100000', 'image.too-large', { picture: { bytes: pngBomb(), ext: 'png' } }),
    c('img-tiny-32x32', 'image.too-small', { picture: { format: 'png', width: 32, height: 32, seed: 9003 } }),
    c('img-thin-40x600', 'image.too-small', { picture: { format: 'jpeg', width: 600, height: 40, seed: 9004 } }),
    c('img-refused-port', 'image.fetch-failed', { item: { image: 'http://127.0.0.1:9/x.jpg' } }),
    c('img-missing-file', 'image.fetch-failed', { item: { image: 'images/no-such-file.jpg' } }),
    c('img-recorded-404', 'image.fetch-failed', { item: { image: 'https://images.example.org/sample/gone.jpg' } }),
    c('img-path-escapes', 'input.invalid', { item: { image: '../outside-the-release.jpg' } }),
    c('img-path-absolute', 'input.invalid', { item: { image: '/etc/hostname' } }),
    c('img-not-http', 'input.invalid', { item: { image: 'ftp://127.0.0.1/x.jpg' } }),
    // fine images: recorded http response, EXIF GPS in each format, large, GIF
    c('img-recorded-ok', 'licence.cc0', { item: { image: 'https://images.example.org/sample/ok.jpg' } }),
    c('img-exif-gps-jpeg', 'licence.cc0', { picture: { format: 'jpeg', width: 800, height: 600, seed: 9010, exifGps: true } }),
    c('img-exif-gps-png', 'licence.pdm', { item: { licence: PDM }, picture: { format: 'png', width: 500, height: 500, seed: 9011, exifGps: true } }),
    c('img-exif-gps-webp', 'licence.cc0', { picture: { format: 'webp', width: 700, height: 420, seed: 9012, exifGps: true } }),
    c('img-large-jpeg-3000', 'licence.cc0', { picture: { format: 'jpeg', width: 3000, height: 2000, seed: 9013 } }),
    c('img-large-webp-2400', 'licence.pdm', { item: { licence: PDM }, picture: { format: 'webp', width: 1800, height: 2400, seed: 9014 } }),
    c('img-gif', 'licence.cc0', { picture: { bytes: gif, ext: 'gif' } }),
    c('img-exif-rotated', 'licence.cc0', { picture: { bytes: rotated, ext: 'jpg' } }),
    // duplicates: the first in input order stays
    c('dup-first', 'licence.cc0', { picture: base }),
    c('dup-exact-copy', 'image.duplicate', { picture: { bytes: baseBytes, ext: 'jpg' } }),
    c('dup-near-resized-webp', 'image.near-duplicate', { picture: { bytes: nearSmaller, ext: 'webp' } }),
    c('dup-near-recompressed', 'image.near-duplicate', { picture: { bytes: nearRecoded, ext: 'jpg' } }),
  ];
  const files: Record<string, string | Buffer> = {
    'fetched/bodies/ok.jpg': recordedBody,
    'fetched/index.jsonl':
      [
        { url: 'https://images.example.org/sample/ok.jpg', status: 200, headers: { 'Content-Type': 'image/jpeg' }, body: 'bodies/ok.jpg' },
        { url: 'https://images.example.org/sample/gone.jpg', status: 404, headers: {} },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
  };
  return { cases, files, release: { fetched: 'fetched' } };
};
