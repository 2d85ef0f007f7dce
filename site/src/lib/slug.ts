// URL-safe, injective slugs for catalogue ids (`<source>:<foreign id>`) and the item page path built from them.
import { createHash } from 'node:crypto';

const MAX_SEGMENT = 120;

/** Keeps [A-Za-z0-9-] (and '.' after the first character); every other UTF-8 byte becomes `_xx` (hex). */
export function encodeSegment(text: string): string {
  let out = '';
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const ch = String.fromCharCode(b);
    const safe = (b < 0x80 && /[A-Za-z0-9-]/.test(ch)) || (ch === '.' && i > 0);
    out += safe ? ch : `_${b.toString(16).padStart(2, '0')}`;
  }
  if (out.length === 0) return '_';
  if (out.length <= MAX_SEGMENT) return out;
  // Too long for a file name: keep a readable prefix and make it unique with a hash of the whole text.
  let cut = MAX_SEGMENT - 17;
  const escape = out.lastIndexOf('_', cut);
  if (escape > cut - 3) cut = escape;
  return `${out.slice(0, cut)}~${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

/** `museum:obj 1` → `museum/obj_201`: the source, then the encoded foreign id (split at the first ':'). */
export function itemSlug(id: string): string {
  const colon = id.indexOf(':');
  if (colon < 0) return `_/${encodeSegment(id)}`;
  return `${encodeSegment(id.slice(0, colon))}/${encodeSegment(id.slice(colon + 1))}`;
}

/** The item page's URL path, e.g. `/item/museum/obj-001/`. */
export function itemPath(id: string): string {
  return `/item/${itemSlug(id)}/`;
}
