// Draws deterministic sample pictures with sharp (seeded shapes over a gradient), optionally with EXIF GPS or XMP.
import sharp from 'sharp';
import type { DrawnImage } from './case.js';
import { prng } from '../util/prng.js';

const hex = (r: () => number) => `#${Math.floor(r() * 0xffffff).toString(16).padStart(6, '0')}`;

/** SVG at a fixed 1000×1000 view box: the same seed looks the same at any output size (near-duplicates stay near). */
export function pictureSvg(seed: number, width: number, height: number): string {
  const r = prng(seed);
  const angle = Math.floor(r() * 360);
  const shapes: string[] = [];
  for (let i = 0; i < 7; i++) {
    const x = Math.floor(r() * 1000);
    const y = Math.floor(r() * 1000);
    const s = 120 + Math.floor(r() * 380);
    const fill = hex(r);
    shapes.push(
      r() < 0.5
        ? `<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${fill}" fill-opacity="0.85"/>`
        : `<rect x="${x - s / 2}" y="${y - s / 3}" width="${s}" height="${(s * 2) / 3}" fill="${fill}" transform="rotate(${Math.floor(r() * 90)} ${x} ${y})"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1000 1000" preserveAspectRatio="none">
<defs><linearGradient id="g" gradientTransform="rotate(${angle} .5 .5)"><stop offset="0" stop-color="${hex(r)}"/><stop offset="1" stop-color="${hex(r)}"/></linearGradient></defs>
<rect width="1000" height="1000" fill="url(#g)"/>${shapes.join('')}</svg>`;
}

/** EXIF with a GPS position (the Eiffel Tower) and a camera owner: exactly what must never be published. */
const GPS_EXIF = {
  IFD0: { Artist: 'Sample Photographer', Make: 'ClearanceCam' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2982/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 4050/100' },
};

export async function drawImage(d: DrawnImage): Promise<Buffer> {
  let img = sharp(Buffer.from(pictureSvg(d.seed, d.width, d.height))).flatten({ background: '#ffffff' });
  if (d.exifGps) img = img.withExif(GPS_EXIF);
  if (d.xmp) img = img.withXmp(d.xmp);
  if (d.format === 'jpeg') return img.jpeg({ quality: 85 }).toBuffer();
  if (d.format === 'png') return img.png({ compressionLevel: 6 }).toBuffer();
  return img.webp({ quality: 85 }).toBuffer();
}

export const EXT: Record<DrawnImage['format'], string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };
