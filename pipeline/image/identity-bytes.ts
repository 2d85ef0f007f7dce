// The perceptual identity of fetched bytes, and nothing else (no original stored): for opted-out items, whose copies must be refused.
import { identityOf, type Identity } from './identity.js';
import { inspect } from './inspect.js';
import { decodePreview } from './preview.js';

/** Header checks and limits as for any image, one bounded decode (preview.ts): the identity, or undefined when the
 *  bytes are not a picture it can read (never throws). */
export async function identityOfBytes(data: Buffer): Promise<Identity | undefined> {
  try {
    if (!(await inspect(data)).ok) return undefined;
    return identityOf(await decodePreview(data));
  } catch {
    return undefined;
  }
}
