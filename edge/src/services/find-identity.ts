// "Find my works": an upload's facts for the search — real type, size and pixel limits, SHA-256 and perceptual identity — computed in memory only.
import { identityOf, type Identity } from '../../../pipeline/image/identity.js';
import { ApiError } from './errors.js';
import { decodePreview, MAX_FIND_PIXELS } from './find-decode.js';
import { declaredTypeLies, sniffImage } from './image-sniff.js';

/** Largest upload searched (bytes): a picture to look up, not an original to keep. */
export const MAX_FIND_BYTES = 8 * 1024 * 1024;
/** Smallest side searched: below it a picture holds too little to tell works apart. */
export const MIN_FIND_SIDE = 32;

export interface FindQuery {
  sha256: string;
  format: 'jpeg' | 'png';
  width: number;
  height: number;
  bytes: number;
  identity: Identity;
}

const hex = (buf: ArrayBuffer): string => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** What the search needs from an upload; 4xx ApiErrors for what is refused. Nothing of it is stored or logged. */
export async function queryOf(bytes: Uint8Array, declaredType: string): Promise<FindQuery> {
  if (bytes.byteLength === 0) throw new ApiError(400, 'invalid_request', 'the file is empty');
  if (bytes.byteLength > MAX_FIND_BYTES) throw new ApiError(413, 'payload_too_large', `the file is over ${MAX_FIND_BYTES / 1024 / 1024} MiB`);
  const image = sniffImage(bytes);
  if (!image) throw new ApiError(415, 'not_an_image', 'the file is not a JPEG or PNG image (judged by its bytes)');
  const lie = declaredTypeLies(declaredType, image);
  if (lie) throw new ApiError(415, 'type_mismatch', `the file says it is ${lie} but its bytes are ${image.contentType}`);
  if (image.format !== 'jpeg' && image.format !== 'png') throw new ApiError(415, 'unsupported_format', `${image.format.toUpperCase()} cannot be searched yet: send a JPEG or PNG copy`);
  if (image.width * image.height > MAX_FIND_PIXELS) throw new ApiError(413, 'too_many_pixels', `the image is ${image.width} × ${image.height} px, over ${MAX_FIND_PIXELS / 1e6} megapixels: send a smaller copy`);
  if (Math.min(image.width, image.height) < MIN_FIND_SIDE) throw new ApiError(400, 'too_small', `the image is ${image.width} × ${image.height} px; each side needs at least ${MIN_FIND_SIDE} px`);
  let identity: Identity;
  try {
    identity = identityOf(decodePreview(bytes, image.format));
  } catch (err) {
    if (/maxMemoryUsageInMB|maxResolutionInMP/.test((err as Error).message)) throw new ApiError(413, 'too_many_pixels', 'the image needs more memory to decode than a search may use: send a smaller copy');
    throw new ApiError(422, 'unreadable_image', `the ${image.format.toUpperCase()} could not be decoded (truncated or corrupt)`);
  }
  return { sha256: hex(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)), format: image.format, width: image.width, height: image.height, bytes: bytes.byteLength, identity };
}
