// Perceptual fingerprints as text (`pid1:<hash>.<print>`), for caches, shard files, catalogue records, releases and D1;
// no Node Buffer, so the Worker reads and writes the same text with this same code.
import type { FingerprintText } from '../catalog/index.js';
import { fromBase64url, toBase64url } from './base64url.js';
import { GRID } from './identity-grid.js';
import { FINE, PRINT_SIDE, type Fingerprint, type Identity, type View } from './identity.js';

/** base64url lengths of the grids a look-up text may carry: FINE×FINE RGB, or GRID×GRID (text written before FINE). */
const GRID_CHARS = new Set([FINE, GRID].map((side) => Math.ceil((side * side * 3 * 4) / 3)));

export function formatFingerprint(f: Fingerprint): FingerprintText {
  return `pid1:${f.hash}.${toBase64url(f.print)}`;
}

/** The fingerprint a text names (validated by the catalog's `FingerprintText` schema where it enters). */
export function parseFingerprint(text: FingerprintText): Fingerprint {
  const print = fromBase64url(text.slice(22));
  if (text.slice(0, 5) !== 'pid1:' || print.length !== PRINT_SIDE * PRINT_SIDE * 3) throw new Error('not a pid1 fingerprint');
  return { hash: text.slice(5, 21), print };
}

/** The look-up part of an identity beyond its fingerprint, as text (caches and shard files, not the wire format):
 *  `<mirror hash>|<framed fingerprint>|<framed mirror hash>|<grid>|<framed grid>`, then `|<fingerprint>|<mirror hash>`
 *  for each other frame (identity.ts `reframed`); the framed parts empty for a picture without borders, a grid (64×64
 *  RGB, base64url; 32×32 in older text) empty when unknown. Text of the older forms (`<mirror hash>`, or the first three or five parts) is
 *  still read: such an identity matches no cropped copies, or looks the picture inside its borders up by one frame. */
export function formatLookup(id: Identity): string {
  const grid = (g: Uint8Array | undefined) => (g ? toBase64url(g) : '');
  const f = id.framed;
  const others = (id.reframed ?? []).flatMap((v) => [formatFingerprint(v.fingerprint), v.mirrorHash]);
  return [id.mirrorHash, f ? formatFingerprint(f.fingerprint) : '', f?.mirrorHash ?? '', grid(id.grid), grid(f?.grid), ...others].join('|');
}

/** The identity a cached or shipped fingerprint and look-up text stand for. */
export function identityFrom(fingerprint: FingerprintText, lookup: string): Identity {
  const [mirrorHash, framed, framedMirror, grid, framedGrid, ...others] = lookup.split('|');
  const bytes = (t: string | undefined) => (t && GRID_CHARS.has(t.length) ? fromBase64url(t) : undefined);
  const id: Identity = { fingerprint: parseFingerprint(fingerprint), mirrorHash: mirrorHash! };
  const g = bytes(grid);
  if (g) id.grid = g;
  if (framed && framedMirror) {
    id.framed = { fingerprint: parseFingerprint(framed), mirrorHash: framedMirror };
    const fg = bytes(framedGrid);
    if (fg) id.framed.grid = fg;
  }
  const reframed: View[] = [];
  for (let i = 0; i + 1 < others.length; i += 2) reframed.push({ fingerprint: parseFingerprint(others[i]!), mirrorHash: others[i + 1]! });
  if (reframed.length) id.reframed = reframed;
  return id;
}
