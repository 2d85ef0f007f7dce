// "Find my works" test helpers: real JPEG and PNG pictures made in the Worker (pure-JS encoders), a catalogued item
// whose D1 fingerprint is the Worker's own identity of its original, and multipart searches.
import { env } from 'cloudflare:workers';
import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { formatFingerprint } from '../../edge/src/services/find-fingerprint.js';
import { queryOf } from '../../edge/src/services/find-identity.js';
import { get } from './console-helpers.js';
import { seedItem } from './helpers.js';

/** RGB pixels of a smooth picture (different for each seed), sampled at any size, optionally mirrored. */
export function picture(seed: number, width: number, height: number, mirror = false): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const u = (mirror ? width - 1 - x + 0.5 : x + 0.5) / width;
      const v = (y + 0.5) / height;
      const i = (y * width + x) * 3;
      data[i] = 128 + 110 * Math.sin(6.3 * u * (1 + (seed % 3)) + seed);
      data[i + 1] = 128 + 110 * Math.cos(5.1 * v * (1 + (seed % 5)) + 2 * u + seed * 0.7);
      data[i + 2] = 128 + 100 * Math.sin(9 * (u - 0.5) * (v - 0.3) + seed * 1.3) * Math.cos(3 * v + seed);
    }
  return data;
}

export const png = (seed: number, w: number, h: number, mirror = false): Uint8Array => encodePng({ width: w, height: h, data: picture(seed, w, h, mirror), channels: 3, depth: 8 });

export function jpeg(seed: number, w: number, h: number, quality = 80, mirror = false): Uint8Array {
  const rgb = picture(seed, w, h, mirror);
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(encodeJpeg({ width: w, height: h, data: rgba }, quality).data as unknown as ArrayBufferLike);
}

/** A JPEG of the picture inside a uniform border of `border` pixels in one colour (a reposted, framed copy). */
export function borderedJpeg(seed: number, w: number, h: number, border: number, colour: [number, number, number], quality = 85): Uint8Array {
  const inner = picture(seed, w, h);
  const W = w + 2 * border;
  const H = h + 2 * border;
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 4;
      const inside = x >= border && x < border + w && y >= border && y < border + h;
      if (inside) rgba.set(inner.subarray(((y - border) * w + (x - border)) * 3, ((y - border) * w + (x - border)) * 3 + 3), o);
      else rgba.set(colour, o);
      rgba[o + 3] = 255;
    }
  return new Uint8Array(encodeJpeg({ width: W, height: H, data: rgba }, quality).data as unknown as ArrayBufferLike);
}

/** A live catalogued item whose original is `bytes` (as publish writes it: served sha256 and fingerprint). */
export async function catalogued(bytes: Uint8Array, opts: { title?: string } = {}) {
  const q = await queryOf(bytes, 'image/png');
  const item = await seedItem({ title: opts.title ?? 'Orchard study' });
  await env.DB.prepare('UPDATE items SET sha256 = ?, fingerprint = ? WHERE id = ?').bind(q.sha256, formatFingerprint(q.identity.fingerprint), item.id).run();
  return { ...item, sha: q.sha256, hash: q.identity.fingerprint.hash };
}

export const SAME_ORIGIN = { Origin: 'http://edge.test', 'Sec-Fetch-Site': 'same-origin' };

/** A multipart form with a picture (and other fields) posted to `path`. */
export function postPicture(path: string, file: Uint8Array | null, opts: { type?: string; name?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(opts.fields ?? {})) fd.set(k, v);
  if (file) fd.set('file', new Blob([file], { type: opts.type ?? 'image/jpeg' }), opts.name ?? 'copy.jpg');
  return get(path, { method: 'POST', headers: { ...SAME_ORIGIN, ...opts.headers }, body: fd });
}
