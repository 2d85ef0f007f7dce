// Turns fetched bytes into cacheable image facts: header checks, one decode, perceptual identity, metadata-free original in the store.
import type { DecisionCode, ImageFormat } from '../catalog/index.js';
import type { FileStore } from '../store/file-store.js';
import { inspect } from './inspect.js';
import { LIMITS } from './limits.js';
import { publishOriginal } from './original.js';
import { identityOf, type Identity } from './identity.js';
import { formatFingerprint, formatLookup } from './identity-format.js';
import { decodePreview, type Preview } from './preview.js';

/** What the image stage caches per input sha256 (JSON). */
export type ImageResult =
  | {
      ok: true;
      width: number;
      height: number;
      format: ImageFormat;
      /** 64-bit DCT hash of the picture inside its borders (the fingerprint's hash). */
      phash: string;
      original: string;
      stripMethod: 'bytes' | 'png';
      /** Perceptual fingerprint, `pid1:` text, and the rest of what it is looked up by (identity-format.ts). */
      fingerprint: string;
      lookup: string;
      exif?: string;
      xmp?: string;
      iptc?: string;
    }
  | { ok: false; code: DecisionCode; detail: string };

/** Raw metadata kept for the content checks, at most 4 MiB of each (the readers cap what they read anyway). */
const MAX_METADATA_BYTES = 4 * 1024 * 1024;
const b64 = (b: Buffer | undefined) => (b?.length ? b.subarray(0, MAX_METADATA_BYTES).toString('base64') : undefined);

/** `gate` sees the identity before anything is stored: a result it returns ends the analysis (blocklists). */
export async function analyse(data: Buffer, files: FileStore, gate?: (identity: Identity) => ImageResult | undefined): Promise<{ result: ImageResult; preview?: Preview; identity?: Identity }> {
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
  const identity = identityOf(preview);
  const stop = gate?.(identity);
  if (stop) return { result: stop };
  const published = await publishOriginal(data, h);
  const original = await files.store(published.data, published.ext, 'original');
  return {
    preview,
    identity,
    result: {
      ok: true,
      width: h.width,
      height: h.height,
      format: h.format,
      phash: identity.fingerprint.hash,
      original,
      stripMethod: published.method,
      fingerprint: formatFingerprint(identity.fingerprint),
      lookup: formatLookup(identity),
      exif: b64(h.exif),
      xmp: b64(h.xmp),
      iptc: b64(h.iptc),
    },
  };
}
