// Hand-made bad inputs for the sample: a PNG whose header claims 100,000×100,000 pixels, truncated and fake images.
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk as chunk, rgbHeader } from '../util/png-chunk.js';


/** A valid-looking PNG (correct CRCs) declaring width × height RGB pixels with only a few bytes of data. */
export function pngBomb(width = 100_000, height = 100_000): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', rgbHeader(width, height)),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The first `fraction` of a file: a JPEG cut off mid-scan. */
export function truncate(data: Buffer, fraction = 0.55): Buffer {
  return Buffer.from(data.subarray(0, Math.floor(data.length * fraction)));
}

export const NOT_AN_IMAGE = Buffer.from('This is a text file that claims to be a JPEG.\nIt has no image data at all.\n');

export const SVG_IMAGE = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#4a7"/><circle cx="200" cy="150" r="90" fill="#fd4"/></svg>\n',
);
