// Opt-outs embedded in the image file: XMP plus:DataMining and C2PA/CAWG training-mining assertions.
import { inflateSync } from 'node:zlib';
import { c2paProhibits } from './c2pa.js';
import { plusDataMiningProhibits } from './plus-data-mining.js';

/** Why the file's own metadata forbids AI training, or undefined. XMP comes from the image stage; when it did not
 *  extract any, the packet is looked for in the bytes themselves. */
export function embeddedOptOut(image: { xmp?: Buffer; data?: Buffer }): string | undefined {
  const fromXmp = plusDataMiningProhibits(image.xmp) ?? (image.xmp ? undefined : plusDataMiningProhibits(xmpInBytes(image.data)));
  return fromXmp ?? c2paProhibits(image.data);
}

/** The XMP packet of a file: a PNG iTXt "XML:com.adobe.xmp" chunk (possibly deflated), else the first
 *  <x:xmpmeta …</x:xmpmeta> in the raw bytes (JPEG APP1, WebP XMP chunk, TIFF). */
export function xmpInBytes(data: Buffer | undefined): string | undefined {
  if (!data) return undefined;
  const fromPng = pngXmp(data);
  if (fromPng) return fromPng;
  const start = data.indexOf('<x:xmpmeta');
  if (start < 0) return undefined;
  const end = data.indexOf('</x:xmpmeta>', start);
  return end < 0 ? undefined : data.subarray(start, end + 12).toString('utf8');
}

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
        return (body[18] === 1 ? inflateSync(body.subarray(text)) : body.subarray(text)).toString('utf8');
      }
      if (keyword && type === 'zTXt') return inflateSync(body.subarray(19)).toString('utf8');
      if (keyword && type === 'tEXt') return body.subarray(18).toString('latin1');
    } catch {
      return undefined;
    }
    if (type === 'IEND') break;
    pos += 12 + len;
  }
  return undefined;
}
