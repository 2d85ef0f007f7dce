// Perceptual fingerprints in the Worker: `pid1:<hash>.<print>` text (no Buffer; the format of pipeline/image/identity-format.ts) and hash distance.
import { FINGERPRINT_PATTERN } from '../../../pipeline/catalog/identity.js';
import type { Fingerprint } from '../../../pipeline/image/identity.js';
import { base64url } from './crypto.js';

export function formatFingerprint(f: Fingerprint): string {
  return `pid1:${f.hash}.${base64url(f.print)}`;
}

/** The fingerprint a `pid1:` text names, or null when the text is not one. */
export function parseFingerprint(text: string | null | undefined): Fingerprint | null {
  if (!text || !FINGERPRINT_PATTERN.test(text)) return null;
  const bin = atob(text.slice(22).replace(/-/g, '+').replace(/_/g, '/'));
  return { hash: text.slice(5, 21), print: Uint8Array.from(bin, (ch) => ch.charCodeAt(0)) };
}

const POP = Uint8Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));
/** Differing bits of two 16-hex-digit hashes. */
export function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i++) d += POP[Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16)]!;
  return d;
}
