// Signed download URLs for collection manifests: HMAC-SHA256 over item, account, key and expiry.
import type { Bindings } from '../env.js';
import { hmacHex, safeEqual } from './crypto.js';
import { ApiError } from './errors.js';

export interface SignedParams {
  acct: string;
  kid: string;
  exp: number;
  sig: string;
}

/** SIGNING_SECRET when set, else a key derived from ADMIN_TOKEN (rotating ADMIN_TOKEN voids old URLs). */
async function secret(env: Bindings): Promise<string> {
  if (env.SIGNING_SECRET) return env.SIGNING_SECRET;
  return hmacHex(env.ADMIN_TOKEN, 'clearance:signed-download-urls:v1');
}

const message = (itemId: string, acct: string, kid: string, exp: number) => `${itemId}\n${acct}\n${kid}\n${exp}`;

export async function signDownload(env: Bindings, itemId: string, acct: string, kid: string, exp: number): Promise<string> {
  const sig = await hmacHex(await secret(env), message(itemId, acct, kid, exp));
  const q = new URLSearchParams({ acct, kid, exp: String(exp), sig });
  return `/v1/items/${encodeURIComponent(itemId)}/download?${q}`;
}

/** Throws 403 when the signature is wrong or the URL has expired. */
export async function verifyDownload(env: Bindings, itemId: string, p: SignedParams, now = Date.now()): Promise<void> {
  const expected = await hmacHex(await secret(env), message(itemId, p.acct, p.kid, p.exp));
  if (!(await safeEqual(expected, p.sig))) throw new ApiError(403, 'bad_signature', 'the signed URL is invalid');
  if (p.exp * 1000 < now) throw new ApiError(403, 'url_expired', 'the signed URL has expired; fetch a new manifest');
}
