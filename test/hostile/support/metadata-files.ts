// Makes JPEG, PNG and WebP files that carry every kind of metadata a published original must not: EXIF GPS, XMP, IPTC, comments, C2PA/JUMBF with a GPS assertion, MPF secondary images, trailers.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { pngChunk } from '../../../pipeline/util/png-chunk.js';

const run = promisify(execFile);

/** Strings that must not survive into a published file (each is written into the inputs below). */
export const SECRETS = ['12 Example Street', 'secret caption', 'a comment', 'PAYLOAD-AFTER-END', 'C2PA-GPS-48.8583', 'private-chunk-text', 'MPF-SECOND-IMAGE'];

function box(type: string, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + payload.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, payload]);
}

function superbox(tag: string, label: string, children: Buffer[]): Buffer {
  const uuid = Buffer.concat([Buffer.from(tag, 'latin1'), Buffer.from('00110010800000aa00389b71', 'hex')]);
  return box('jumb', Buffer.concat([box('jumd', Buffer.concat([uuid, Buffer.from([0x03]), Buffer.from(`${label}\0`)])), ...children]));
}

/** A C2PA manifest store whose `stds.exif` assertion carries GPS coordinates (the case the issue reproduced). */
export function c2paStoreWithGps(): Buffer {
  const exif = { '@context': { exif: 'http://ns.adobe.com/exif/1.0/' }, 'exif:GPSLatitude': '48,51.5N', 'exif:GPSLongitude': '2,17.7E', 'exif:UserComment': 'C2PA-GPS-48.8583' };
  const assertion = superbox('json', 'stds.exif', [box('json', Buffer.from(JSON.stringify(exif)))]);
  const manifest = superbox('c2ma', 'urn:uuid:00000000-0000-4000-8000-0000000000e1', [superbox('c2as', 'c2pa.assertions', [assertion])]);
  return superbox('c2pa', 'c2pa', [manifest]);
}

function segment(marker: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(0xff00 | marker, 0);
  h.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([h, payload]);
}

/** JPEG XT APP11 segment(s) holding a JUMBF box (CI "JP", instance 1, sequence 1). */
function app11(jumbf: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write('JP', 0, 'latin1');
  head.writeUInt16BE(1, 2);
  head.writeUInt32BE(1, 4);
  return segment(0xeb, Buffer.concat([head, jumbf]));
}

/** An MPF APP2 index (big-endian TIFF) for two images; offsets are relative to the TIFF header at `tiffAt`. */
function mpfIndex(firstSize: number, secondSize: number, secondOffset: number): Buffer {
  const t = Buffer.alloc(8 + 2 + 3 * 12 + 4 + 32);
  t.write('MM\0*', 0, 'latin1');
  t.writeUInt32BE(8, 4);
  t.writeUInt16BE(3, 8);
  const entry = (i: number, tag: number, type: number, count: number, value: Buffer | number) => {
    const at = 10 + i * 12;
    t.writeUInt16BE(tag, at);
    t.writeUInt16BE(type, at + 2);
    t.writeUInt32BE(count, at + 4);
    if (typeof value === 'number') t.writeUInt32BE(value, at + 8);
    else value.copy(t, at + 8);
  };
  entry(0, 0xb000, 7, 4, Buffer.from('0100'));
  entry(1, 0xb001, 4, 1, 2);
  entry(2, 0xb002, 7, 32, 10 + 36 + 4);
  const mp = 10 + 36 + 4;
  t.writeUInt32BE(0x20030000, mp);
  t.writeUInt32BE(firstSize, mp + 4);
  t.writeUInt32BE(0, mp + 8);
  t.writeUInt32BE(0x00010001, mp + 16);
  t.writeUInt32BE(secondSize, mp + 20);
  t.writeUInt32BE(secondOffset, mp + 24);
  return Buffer.concat([Buffer.from('MPF\0', 'latin1'), t]);
}

async function exiftool(file: string, args: string[]): Promise<void> {
  await run('exiftool', ['-q', '-overwrite_original', ...args, file]);
}

const GPS_ARGS = ['-GPSLatitude=48.8583', '-GPSLatitudeRef=N', '-GPSLongitude=2.2945', '-GPSLongitudeRef=E', '-XMP-dc:Description=12 Example Street', '-IPTC:Caption-Abstract=secret caption'];

/** Writes the three loaded files into `dir` and returns their names. */
export async function writeMetadataLaden(dir: string, seed = 900): Promise<{ jpeg: string; png: string; webp: string }> {
  await mkdir(dir, { recursive: true });
  // JPEG: EXIF GPS + XMP + IPTC + COM by ExifTool, then APP11 C2PA, an MPF index and a second image after EOI, a trailer.
  const base = join(dir, 'laden.jpg');
  await writeFile(base, await drawImage({ format: 'jpeg', width: 320, height: 240, seed }));
  await exiftool(base, [...GPS_ARGS, '-Comment=a comment']);
  const second = join(dir, 'second.jpg');
  await writeFile(second, await sharp({ create: { width: 80, height: 60, channels: 3, background: '#884422' } }).jpeg().toBuffer());
  await exiftool(second, ['-GPSLatitude=10.5', '-GPSLatitudeRef=S', '-GPSLongitude=20.5', '-GPSLongitudeRef=W', '-XMP-dc:Description=MPF-SECOND-IMAGE']);
  const first = await readFile(base);
  const secondBytes = await readFile(second);
  const c2pa = app11(c2paStoreWithGps());
  const mpfLength = 4 + mpfIndex(0, 0, 0).length;
  const firstSize = first.length + c2pa.length + mpfLength;
  const tiffAt = 2 + 4 + 4; // SOI, APP2 header, "MPF\0"
  const mpf = segment(0xe2, mpfIndex(firstSize, secondBytes.length, firstSize - tiffAt));
  const jpeg = Buffer.concat([first.subarray(0, 2), mpf, c2pa, first.subarray(2), secondBytes, Buffer.from('PAYLOAD-AFTER-END')]);
  await writeFile(base, jpeg);

  // PNG: eXIf/XMP/IPTC by ExifTool, then caBX C2PA, tEXt, tIME, pHYs, a private chunk, data after IEND.
  const pngFile = join(dir, 'laden.png');
  await writeFile(pngFile, await drawImage({ format: 'png', width: 320, height: 240, seed: seed + 1 }));
  await exiftool(pngFile, [...GPS_ARGS, '-PNG:Comment=a comment']);
  const png = await readFile(pngFile);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const iend = png.length - 12;
  const extra = [
    pngChunk('caBX', c2paStoreWithGps()),
    pngChunk('tIME', Buffer.from([7, 234, 1, 2, 3, 4, 5])),
    pngChunk('pHYs', Buffer.from([0, 0, 11, 19, 0, 0, 11, 19, 1])),
    pngChunk('prVt', Buffer.from('private-chunk-text')),
  ];
  await writeFile(pngFile, Buffer.concat([png.subarray(0, ihdrEnd), ...extra, png.subarray(ihdrEnd, iend), png.subarray(iend), Buffer.from('PAYLOAD-AFTER-END')]));

  // WebP: EXIF/XMP by ExifTool, then a C2PA chunk, an unknown chunk, data beyond the RIFF size.
  const webpFile = join(dir, 'laden.webp');
  await writeFile(webpFile, await sharp(await drawImage({ format: 'png', width: 320, height: 240, seed: seed + 2 })).webp({ lossless: true }).toBuffer());
  await exiftool(webpFile, GPS_ARGS.filter((a) => !a.startsWith('-IPTC')));
  const webp = await readFile(webpFile);
  const chunk = (fourcc: string, data: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(fourcc, 0, 'latin1');
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const body = Buffer.concat([webp.subarray(12), chunk('C2PA', c2paStoreWithGps()), chunk('PRVT', Buffer.from('private-chunk-text'))]);
  const head = Buffer.from(webp.subarray(0, 12));
  head.writeUInt32LE(body.length + 4, 4);
  await writeFile(webpFile, Buffer.concat([head, body, Buffer.from('PAYLOAD-AFTER-END')]));
  return { jpeg: 'laden.jpg', png: 'laden.png', webp: 'laden.webp' };
}

/** ExifTool's reading of a file (`-j -a -G1 -ee`): group:tag → value. */
export async function exiftoolRead(file: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('exiftool', ['-j', '-a', '-G1', '-ee', file]);
  return (JSON.parse(stdout) as Record<string, unknown>[])[0]!;
}
