// Perceptual fingerprints as `pid1:<hash>.<print>` text in the Worker (no Buffer): the format of pipeline/image/identity-format.ts.
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
