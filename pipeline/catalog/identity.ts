// Perceptual fingerprints in the contract: the text a catalogue record, a withdrawal or a registry line carries.
import { z } from 'zod';
import { ReasonCodeSchema } from './codes.js';

/** `pid1:`, the 64-bit DCT hash of the picture inside its borders (16 hex digits), `.`, and its 16×16 RGB colour print
 *  (768 bytes, base64url, 1,024 characters): pipeline/image/identity.ts; pipeline/README.md "Perceptual identity". */
export const FINGERPRINT_PATTERN = /^pid1:[0-9a-f]{16}\.[A-Za-z0-9_-]{1024}$/;
export const FingerprintText = z.string().regex(FINGERPRINT_PATTERN, 'a perceptual fingerprint is pid1:<16 hex>.<1,024 base64url>');
export type FingerprintText = z.infer<typeof FingerprintText>;

/** One line of a build's `opted-out.jsonl` (input order): an item refused by an opt-out that follows its picture, with
 *  its fingerprint, so that the next build given this output as `--previous` refuses edited copies of it too. */
export const OptedOutLine = z.object({
  id: z.string(),
  code: ReasonCodeSchema,
  detail: z.string(),
  fingerprint: FingerprintText,
});
export type OptedOutLine = z.infer<typeof OptedOutLine>;
