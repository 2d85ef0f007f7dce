// Perceptual fingerprints as text (`pid1:<hash>.<print>`), for caches, shard files, catalogue records, releases and D1.
import type { FingerprintText } from '../catalog/index.js';
import { PRINT_SIDE, type Fingerprint, type Identity } from './identity.js';

export function formatFingerprint(f: Fingerprint): FingerprintText {
  return `pid1:${f.hash}.${Buffer.from(f.print).toString('base64url')}`;
}

/** The fingerprint a text names (validated by the catalog's `FingerprintText` schema where it enters). */
export function parseFingerprint(text: FingerprintText): Fingerprint {
  const print = new Uint8Array(Buffer.from(text.slice(22), 'base64url'));
  if (text.slice(0, 5) !== 'pid1:' || print.length !== PRINT_SIDE * PRINT_SIDE * 3) throw new Error('not a pid1 fingerprint');
  return { hash: text.slice(5, 21), print };
}

/** The look-up part of an identity beyond its fingerprint, as text: the mirror hash, then for a bordered picture
 *  `|`, the framed picture's fingerprint, `|`, its mirror hash. */
export function formatLookup(id: Identity): string {
  return id.framed ? `${id.mirrorHash}|${formatFingerprint(id.framed.fingerprint)}|${id.framed.mirrorHash}` : id.mirrorHash;
}

/** The identity a cached or shipped fingerprint and look-up text stand for. */
export function identityFrom(fingerprint: FingerprintText, lookup: string): Identity {
  const [mirrorHash, framed, framedMirror] = lookup.split('|');
  const id: Identity = { fingerprint: parseFingerprint(fingerprint), mirrorHash: mirrorHash! };
  if (framed && framedMirror) id.framed = { fingerprint: parseFingerprint(framed), mirrorHash: framedMirror };
  return id;
}
