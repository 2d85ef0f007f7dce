// Perceptual fingerprints in the contract: the text a catalogue record, a withdrawal or a registry line carries.
import { z } from 'zod';

/** `pid1:`, the 64-bit DCT hash of the picture inside its borders (16 hex digits), `.`, and its 16×16 RGB colour print
 *  (768 bytes, base64url, 1,024 characters): pipeline/image/identity.ts; pipeline/README.md "Perceptual identity". */
export const FINGERPRINT_PATTERN = /^pid1:[0-9a-f]{16}\.[A-Za-z0-9_-]{1024}$/;
export const FingerprintText = z.string().regex(FINGERPRINT_PATTERN, 'a perceptual fingerprint is pid1:<16 hex>.<1,024 base64url>');
export type FingerprintText = z.infer<typeof FingerprintText>;
