// Draws text onto a plain or pictured background with sharp (SVG + fontconfig): OCR tests and the OCR evaluation.
import sharp from 'sharp';

import { escapeHtml as esc } from '../util/escape-html.js';

export interface TextImageOptions {
  width?: number;
  height?: number;
  fontSize?: number;
  font?: string;
  background?: string;
  ink?: string;
  /** Degrees the text block is turned by (a photographed sign or a skewed scan). */
  rotate?: number;
}

/** A JPEG with `lines` of text, one under the other, from the top left. */
export async function textImage(lines: string[], o: TextImageOptions = {}): Promise<Buffer> {
  const w = o.width ?? 900;
  const h = o.height ?? Math.max(300, 80 + lines.length * (o.fontSize ?? 30) * 1.8);
  const size = o.fontSize ?? 30;
  const body = lines.map((l, i) => `<text x="40" y="${70 + i * size * 1.8}" font-family="${o.font ?? 'DejaVu Serif'}" font-size="${size}" fill="${o.ink ?? '#222'}">${esc(l)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${o.background ?? '#f4f1ea'}"/><g transform="rotate(${o.rotate ?? 0} ${w / 2} ${h / 2})">${body}</g></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
