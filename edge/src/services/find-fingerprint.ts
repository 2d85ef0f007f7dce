// Perceptual fingerprints in the Worker: the pipeline's `pid1:` text (pipeline/image/identity-format.ts, no Node Buffer)
// read where a D1 row may hold anything, and hash distance.
import { FINGERPRINT_PATTERN } from '../../../pipeline/catalog/identity.js';
import type { Fingerprint } from '../../../pipeline/image/identity.js';
import { formatFingerprint, parseFingerprint as parsePid1 } from '../../../pipeline/image/identity-format.js';

export { formatFingerprint };

/** The fingerprint a `pid1:` text names, or null when the text is not one. */
export function parseFingerprint(text: string | null | undefined): Fingerprint | null {
  if (!text || !FINGERPRINT_PATTERN.test(text)) return null;
  try {
    return parsePid1(text as Parameters<typeof parsePid1>[0]);
  } catch {
    return null;
  }
}

const POP = Uint8Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));
/** Differing bits of two 16-hex-digit hashes. */
export function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i++) d += POP[Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16)]!;
  return d;
}
