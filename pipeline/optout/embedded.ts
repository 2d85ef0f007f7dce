// Opt-outs embedded in the image file: XMP plus:DataMining and C2PA/CAWG training-mining assertions (bounded reads, no inflate bombs).
import { inflateSync } from 'node:zlib';
import { c2paProhibits } from './c2pa.js';
import { plusDataMiningProhibits } from './plus-data-mining.js';
import { MAX_XMP_BYTES } from './xmp.js';

/** Where a packet is looked for in a file of unknown layout: its first 16 MiB and its last 1 MiB. */
const XMP_SCAN = { head: 16 * 1024 * 1024, tail: 1024 * 1024 } as const;

/** Why the file's own metadata forbids AI training, or undefined. XMP comes from the image stage; when it did not
 *  extract any, the packet is looked for in the bytes themselves. */
export function embeddedOptOut(image: { xmp?: Buffer; data?: Buffer }): string | undefined {
  const fromXmp = plusDataMiningProhibits(image.xmp) ?? (image.xmp ? undefined : plusDataMiningProhibits(xmpInBytes(image.data)));
  return fromXmp ?? c2paProhibits(image.data);
}

/** The first `<x:xmpmeta …</x:xmpmeta>` in `window`, at most MAX_XMP_BYTES long. */
function packetIn(window: Buffer): string | undefined {
  const start = window.indexOf('<x:xmpmeta');
  if (start < 0) return undefined;
  const end = window.subarray(start, start + MAX_XMP_BYTES).indexOf('</x:xmpmeta>');
  return end < 0 ? undefined : window.subarray(start, start + end + 12).toString('utf8');
}

/** The XMP packet of a file: a PNG iTXt "XML:com.adobe.xmp" chunk (possibly deflated, inflated to at most
 *  MAX_XMP_BYTES), else the first <x:xmpmeta …</x:xmpmeta> in the raw bytes (JPEG APP1, WebP XMP chunk, TIFF),
 *  looked for in the first XMP_SCAN.head and last XMP_SCAN.tail bytes. */
export function xmpInBytes(data: Buffer | undefined): string | undefined {
  if (!data) return undefined;
  const fromPng = pngXmp(data);
  if (fromPng) return fromPng;
  if (data.length <= XMP_SCAN.head + XMP_SCAN.tail) return packetIn(data);
  return packetIn(data.subarray(0, XMP_SCAN.head)) ?? packetIn(data.subarray(data.length - XMP_SCAN.tail));
}

/** Inflates at most MAX_XMP_BYTES (a deflate bomb throws, and its packet is skipped). */
const inflateBounded = (body: Buffer) => inflateSync(body, { maxOutputLength: MAX_XMP_BYTES });

function pngXmp(data: Buffer): string | undefined {
  if (data.length < 8 || data.readUInt32BE(0) !== 0x89504e47) return undefined;
  for (let pos = 8; pos + 12 <= data.length; ) {
    const len = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, Math.min(data.length, pos + 8 + len));
    const keyword = body.toString('latin1', 0, 18) === 'XML:com.adobe.xmp\0';
    try {
      if (keyword && type === 'iTXt') {
        // keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, text
        const lang = body.indexOf(0, 20);
        const text = body.indexOf(0, lang + 1) + 1;
        if (lang < 0 || text <= 0) return undefined;
        return (body[18] === 1 ? inflateBounded(body.subarray(text)) : body.subarray(text, text + MAX_XMP_BYTES)).toString('utf8');
      }
      if (keyword && type === 'zTXt') return inflateBounded(body.subarray(19)).toString('utf8');
      if (keyword && type === 'tEXt') return body.subarray(18, 18 + MAX_XMP_BYTES).toString('latin1');
    } catch {
      return undefined;
    }
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  return undefined;
}
