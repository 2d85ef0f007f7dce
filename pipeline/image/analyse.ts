// Turns fetched bytes into cacheable image facts: header checks, one decode, pHash, metadata-free original in the store.
import type { DecisionCode, ImageFormat } from '../catalog/index.js';
import type { FileStore } from '../store/file-store.js';
import { inspect } from './inspect.js';
import { LIMITS } from './limits.js';
import { publishOriginal } from './original.js';
import { phashFromGrid } from './phash.js';
import { gridAndPrint } from './signature.js';
import { decodePreview, type Preview } from './preview.js';

/** What the image stage caches per input sha256 (JSON). */
export type ImageResult =
  | {
      ok: true;
      width: number;
      height: number;
      format: ImageFormat;
      phash: string;
      original: string;
      stripMethod: 'bytes' | 'png';
      /** Colour fingerprint, base64 (fingerprint.ts). */
      print: string;
      exif?: string;
      xmp?: string;
      iptc?: string;
    }
  | { ok: false; code: DecisionCode; detail: string };

/** Raw metadata kept for the content checks, at most 4 MiB of each (the readers cap what they read anyway). */
const MAX_METADATA_BYTES = 4 * 1024 * 1024;
const b64 = (b: Buffer | undefined) => (b?.length ? b.subarray(0, MAX_METADATA_BYTES).toString('base64') : undefined);

/** `gate` sees the pHash before anything is stored: a result it returns ends the analysis (blocklists). */
export async function analyse(data: Buffer, files: FileStore, gate?: (phash: string) => ImageResult | undefined): Promise<{ result: ImageResult; preview?: Preview }> {
  const inspected = await inspect(data);
  if (!inspected.ok) return { result: inspected };
  const h = inspected.header;
  let preview: Preview;
  try {
    preview = await decodePreview(data);
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0] ?? '';
    if (/pixel limit/i.test(msg)) return { result: { ok: false, code: 'image.too-large', detail: msg } };
    if (/timeout/i.test(msg)) return { result: { ok: false, code: 'image.timeout', detail: `decoding the ${h.format.toUpperCase()} took over ${LIMITS.decodeTimeoutSeconds} s (libvips gave up: ${msg})` } };
    return { result: { ok: false, code: 'image.unreadable', detail: `cannot decode ${h.format.toUpperCase()}: ${msg}` } };
  }
  const sig = gridAndPrint(preview);
  const phash = phashFromGrid(sig.luma);
  const stop = gate?.(phash);
  if (stop) return { result: stop };
  const published = await publishOriginal(data, h);
  const original = await files.store(published.data, published.ext, 'original');
  return {
    preview,
    result: {
      ok: true,
      width: h.width,
      height: h.height,
      format: h.format,
      phash,
      original,
      stripMethod: published.method,
      print: sig.print.toString('base64'),
      exif: b64(h.exif),
      xmp: b64(h.xmp),
      iptc: b64(h.iptc),
    },
  };
}
