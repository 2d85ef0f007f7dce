// Byte-wise stripping keeps what displays the image: JFIF without its thumbnail, ICC and Adobe segments, APNG and colour chunks; anything unknown falls back.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { stripJpeg, stripPng, stripWebp } from '../../../pipeline/image/strip.js';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { pngChunk } from '../../../pipeline/util/png-chunk.js';

const run = promisify(execFile);
const pixels = (b: Buffer) => sharp(b).raw().toBuffer();

function segment(marker: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(0xff00 | marker, 0);
  h.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([h, payload]);
}

async function exiftoolGroups(data: Buffer): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'clearance-strip-'));
  try {
    await writeFile(join(dir, 'f'), data);
    const { stdout } = await run('exiftool', ['-j', '-a', '-G1', '-ee', join(dir, 'f')]);
    return [...new Set(Object.keys((JSON.parse(stdout) as Record<string, unknown>[])[0]!).map((k) => k.split(':')[0]!))].sort();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('stripJpeg', () => {
  it('keeps a JFIF header without its thumbnail, the ICC profile and an Adobe segment; pixels unchanged', { timeout: 30_000 }, async () => {
    const base = await sharp(await drawImage({ format: 'png', width: 200, height: 150, seed: 2001 })).withIccProfile('p3').jpeg().toBuffer();
    const jfif = segment(0xe0, Buffer.concat([Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 2, 1, 0, 72, 0, 72, 2, 2]), Buffer.from('THUMBPIXELS!')]));
    const adobe = segment(0xee, Buffer.concat([Buffer.from('Adobe', 'latin1'), Buffer.from([0, 100, 0, 0, 0, 0, 1])]));
    const input = Buffer.concat([base.subarray(0, 2), jfif, adobe, base.subarray(2)]);
    const out = stripJpeg(input)!;
    expect(out).toBeDefined();
    expect(out.includes('THUMBPIXELS')).toBe(false);
    const app0 = out.indexOf(Buffer.from([0xff, 0xe0]));
    expect([out.readUInt16BE(app0 + 2), out[app0 + 16], out[app0 + 17]]).toEqual([16, 0, 0]); // 0×0 thumbnail
    expect(out.includes('ICC_PROFILE')).toBe(true);
    expect(out.includes('Adobe')).toBe(true);
    expect((await pixels(out)).equals(await pixels(input))).toBe(true);
    expect(await exiftoolGroups(out)).toEqual(expect.arrayContaining(['ICC_Profile', 'JFIF']));
    expect((await exiftoolGroups(out)).filter((g) => /IFD|GPS|XMP|IPTC|MPF|JUMBF/.test(g))).toEqual([]);
  });

  it('gives up (re-encode) on an unknown marker or a file without EOI, drops restart-marked data after EOI', async () => {
    const base = await drawImage({ format: 'jpeg', width: 120, height: 90, seed: 2002 });
    expect(stripJpeg(Buffer.concat([base.subarray(0, 2), segment(0xf2, Buffer.from('??')), base.subarray(2)]))).toBeUndefined();
    expect(stripJpeg(base.subarray(0, base.length - 2))).toBeUndefined();
    expect(stripJpeg(Buffer.concat([base, Buffer.from([0xff, 0xd8, 0xff, 0xd9]), Buffer.from('tail')]))!.length).toBeLessThanOrEqual(base.length);
  });
});

describe('stripPng', () => {
  it('keeps colour and APNG chunks, drops the rest, refuses an unknown critical chunk', async () => {
    const png = await drawImage({ format: 'png', width: 100, height: 80, seed: 2003 });
    const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
    const insert = (chunks: Buffer[]) => Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
    const keep = ['gAMA', 'cHRM', 'sRGB', 'sBIT', 'acTL'].map((t) => pngChunk(t, Buffer.alloc(t === 'cHRM' ? 32 : t === 'acTL' ? 8 : 4, 1)));
    const drop = ['bKGD', 'pHYs', 'tIME', 'caBX', 'prIv', 'eXIf'].map((t) => pngChunk(t, Buffer.from(`payload-${t}`)));
    const out = stripPng(insert([...keep, ...drop]))!;
    for (const t of ['gAMA', 'cHRM', 'sRGB', 'sBIT', 'acTL']) expect(out.includes(t), t).toBe(true);
    for (const t of ['bKGD', 'pHYs', 'tIME', 'caBX', 'prIv', 'eXIf']) expect(out.includes(`payload-${t}`), t).toBe(false);
    expect(stripPng(insert([pngChunk('ZZZZ', Buffer.from('critical'))]))).toBeUndefined();
  });
});

describe('stripWebp', () => {
  it('stops at the RIFF size and drops C2PA and unknown chunks', async () => {
    const webp = await sharp(await drawImage({ format: 'png', width: 100, height: 80, seed: 2004 })).webp({ lossless: true }).toBuffer();
    const chunk = (fourcc: string, data: Buffer) => {
      const h = Buffer.alloc(8);
      h.write(fourcc, 0, 'latin1');
      h.writeUInt32LE(data.length, 4);
      return Buffer.concat([h, data, Buffer.alloc(data.length & 1)]);
    };
    const body = Buffer.concat([webp.subarray(12), chunk('C2PA', Buffer.from('c2pa-store')), chunk('XYZW', Buffer.from('unknown'))]);
    const head = Buffer.from(webp.subarray(0, 12));
    head.writeUInt32LE(body.length + 4, 4);
    const out = stripWebp(Buffer.concat([head, body, Buffer.from('after the riff')]))!;
    expect(out.equals(webp)).toBe(true);
  });
});
