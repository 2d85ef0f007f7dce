// URL-safe, injective slugs for catalogue ids (`<source>:<foreign id>`) and the item page path built from them.
import { createHash } from 'node:crypto';
import { escapeSegment, fitSegment, needsHash, splitId } from './slug-codec.js';

export { decodeSegment, itemPathIds } from './slug-codec.js';

/** Keeps [A-Za-z0-9-] (and '.' after the first character); every other UTF-8 byte becomes `_xx` (hex). */
export function encodeSegment(text: string): string {
  const escaped = escapeSegment(text);
  // Too long for a file name: keep a readable prefix and make it unique with a hash of the whole text.
  return needsHash(escaped) ? fitSegment(escaped, createHash('sha256').update(text).digest('hex')) : escaped;
}

/** `museum:obj 1` → `museum/obj_201`: the source, then the encoded foreign id (split at the first ':'). */
export function itemSlug(id: string): string {
  const [source, foreign] = splitId(id);
  return `${encodeSegment(source)}/${encodeSegment(foreign)}`;
}

/** The item page's URL path, e.g. `/item/museum/obj-001/`. Its inverse is `itemPathIds`. */
export function itemPath(id: string): string {
  return `/item/${itemSlug(id)}/`;
}
