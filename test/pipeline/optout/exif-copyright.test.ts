// EXIF Copyright (0x8298) from raw EXIF blocks: both byte orders, inline and offset values, the photographer/editor pair, and malformed blocks.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifCopyright } from '../../../pipeline/optout/exif-copyright.js';

/** A TIFF block with IFD0 holding `entries` ([tag, type, count, value bytes]). */
function tiff(le: boolean, entries: [number, number, Buffer][]): Buffer {
  const head = Buffer.alloc(8);
  head.write(le ? 'II' : 'MM', 0, 'latin1');
  le ? head.writeUInt16LE(42, 2) : head.writeUInt16BE(42, 2);
  le ? head.writeUInt32LE(8, 4) : head.writeUInt32BE(8, 4);
  const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
  le ? ifd.writeUInt16LE(entries.length, 0) : ifd.writeUInt16BE(entries.length, 0);
  const data: Buffer[] = [];
  let offset = 8 + ifd.length;
  entries.forEach(([tag, type, value], i) => {
    const e = 2 + i * 12;
    const w16 = (v: number, o: number) => (le ? ifd.writeUInt16LE(v, o) : ifd.writeUInt16BE(v, o));
    const w32 = (v: number, o: number) => (le ? ifd.writeUInt32LE(v, o) : ifd.writeUInt32BE(v, o));
    w16(tag, e);
    w16(type, e + 2);
    w32(value.length, e + 4);
    if (value.length <= 4) value.copy(ifd, e + 8);
    else {
      w32(offset, e + 8);
      data.push(value);
      offset += value.length;
    }
  });
  return Buffer.concat([head, ifd, ...data]);
}

describe('exifCopyright', () => {
  it('reads little- and big-endian blocks, with or without the Exif\\0\\0 header, inline or at an offset', () => {
    const notice = Buffer.from('© 2024 Jane Doe\0');
    expect(exifCopyright(tiff(true, [[0x010f, 2, Buffer.from('Cam\0')], [0x8298, 2, notice]]))).toEqual(['© 2024 Jane Doe']);
    expect(exifCopyright(Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff(false, [[0x8298, 2, notice]])]))).toEqual(['© 2024 Jane Doe']);
    expect(exifCopyright(tiff(true, [[0x8298, 2, Buffer.from('ab\0')]]))).toEqual(['ab']);
    expect(exifCopyright(tiff(true, [[0x8298, 2, Buffer.from('Photographer\0Editor\0')]]))).toEqual(['Photographer', 'Editor']);
    expect(exifCopyright(tiff(true, [[0x8298, 2, Buffer.from('\xa9 1999 Latin-1\0', 'latin1')]]))).toEqual(['© 1999 Latin-1']);
  });

  it('returns nothing for blocks without the tag, of another type, or cut short', () => {
    expect(exifCopyright(tiff(true, [[0x010f, 2, Buffer.from('Cam\0')]]))).toEqual([]);
    expect(exifCopyright(tiff(true, [[0x8298, 3, Buffer.from([1, 2])]]))).toEqual([]);
    const cut = tiff(true, [[0x8298, 2, Buffer.from('© 2024 Jane Doe\0')]]);
    expect(exifCopyright(cut.subarray(0, 20))).toEqual([]);
    expect(exifCopyright(Buffer.from('not exif at all'))).toEqual([]);
    expect(exifCopyright(undefined)).toEqual([]);
  });

  it('reads what sharp writes', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#777' } }).withExif({ IFD0: { Copyright: 'Acme Ltd' } }).jpeg().toBuffer();
    expect(exifCopyright((await sharp(jpeg).metadata()).exif)).toEqual(['Acme Ltd']);
  });
});
