// Item slugs without Node or DOM (the site build, the Worker and the browser share it): escaping, shortening, inverse.

/** Longest segment written; a longer one keeps a readable prefix and ends in `~` + 16 hex of the text's SHA-256. */
const MAX_SEGMENT = 120;
const HASH_HEX = 16;
/** Where a shortened segment's readable prefix ends (moved back by up to 2 so that no `_xx` escape is cut). */
const CUT = MAX_SEGMENT - HASH_HEX - 1;

/** Keeps [A-Za-z0-9-] (and '.' after the first byte); every other byte becomes `_xx` (lower-case hex). */
function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const safe = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d || (b === 0x2e && i > 0);
    out += safe ? String.fromCharCode(b) : `_${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** A segment's text escaped in full (`_` for the empty text), before any shortening. */
export function escapeSegment(text: string): string {
  return text === '' ? '_' : escapeBytes(new TextEncoder().encode(text));
}

/** Whether `escaped` is too long for a segment, so that `fitSegment` needs the text's hash. */
export const needsHash = (escaped: string): boolean => escaped.length > MAX_SEGMENT;

/** The segment for an escaped text: itself when it fits, else its readable prefix + `~` + `sha256Hex` (of the text). */
export function fitSegment(escaped: string, sha256Hex: string): string {
  if (!needsHash(escaped)) return escaped;
  let cut = CUT;
  const escape = escaped.lastIndexOf('_', cut);
  if (escape > cut - 3) cut = escape;
  return `${escaped.slice(0, cut)}~${sha256Hex.slice(0, HASH_HEX)}`;
}

/** `<source>:<foreign id>` split at the first ':'; an id without one has the empty source (its slug starts `_/`). */
export function splitId(id: string): [source: string, foreignId: string] {
  const colon = id.indexOf(':');
  return colon < 0 ? ['', id] : [id.slice(0, colon), id.slice(colon + 1)];
}

/** A decoded segment: the whole text, or for a shortened one the text it starts with and its hash. */
export type Segment = { text: string } | { start: string; hash: string };

/** The bytes of an escaped run, or null when it is not exactly what `escapeBytes` writes. */
function unescapeBytes(run: string): Uint8Array | null {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    if (run[i] === '_') {
      const hex = run.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(run.charCodeAt(i));
  }
  const out = Uint8Array.from(bytes);
  return escapeBytes(out) === run ? out : null;
}

/** The text of complete UTF-8 characters at the start of `bytes` (a cut may split the last one); null if invalid. */
function leadingText(bytes: Uint8Array, complete: boolean): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for (let drop = 0; drop <= (complete ? 0 : 3) && drop <= bytes.length; drop++) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - drop));
    } catch {
      /* a split character: try one byte shorter */
    }
  }
  return null;
}

/** The inverse of a segment `fitSegment(escapeSegment(text), …)` wrote; null for anything it never writes. */
export function decodeSegment(segment: string): Segment | null {
  if (segment === '_') return { text: '' };
  const tilde = segment.indexOf('~');
  if (tilde < 0) {
    if (segment.length > MAX_SEGMENT) return null;
    const bytes = unescapeBytes(segment);
    const text = bytes && leadingText(bytes, true);
    return text === null || text === undefined ? null : { text };
  }
  const hash = segment.slice(tilde + 1);
  if (tilde < CUT - 2 || tilde > CUT || !/^[0-9a-f]{16}$/.test(hash)) return null;
  const bytes = unescapeBytes(segment.slice(0, tilde));
  const start = bytes && leadingText(bytes, false);
  return start === null || start === undefined ? null : { start, hash };
}

/**
 * What an item page path (`/item/<source>/<foreign id>/`, optionally without the slash or ending in `index.html`) can
 * stand for: `ids` it is exactly the page of, and `prefixes` of ids when a segment was shortened (confirm a
 * candidate by computing its slug). Two of each only for the empty source (`_/x`: the ids `x` and `:x`). Null when
 * the path is not one `itemPath` writes.
 */
export function itemPathIds(path: string): { ids: string[]; prefixes: string[]; slug: string } | null {
  const m = /^\/item\/([^/]+)\/([^/]+)(?:\/(?:index(?:\.html)?)?)?$/.exec(path);
  if (!m) return null;
  const source = decodeSegment(m[1]!);
  const foreign = decodeSegment(m[2]!);
  if (!source || !foreign) return null;
  const slug = `${m[1]}/${m[2]}`;
  if (!('text' in source)) return { ids: [], prefixes: [source.start], slug };
  const own = 'text' in foreign ? foreign.text : foreign.start;
  // An id without a colon has the empty source; its foreign part is the whole id, so it holds no colon either.
  const forms = source.text === '' ? [...(own.includes(':') ? [] : [own]), `:${own}`] : [`${source.text}:${own}`];
  return 'text' in foreign ? { ids: forms, prefixes: [], slug } : { ids: [], prefixes: forms, slug };
}
