// Signed download URLs for collection manifests: HMAC-SHA256 over item, account, key, expiry and the price it was issued at.
import type { Bindings } from '../types/env.js';
import { hmacHex, safeEqual } from './crypto.js';
import { ApiError } from './errors.js';

export interface SignedParams {
  acct: string;
  kid: string;
  exp: number;
  /** The item's price when the manifest was issued: the most this URL may charge (µ$). */
  maxPriceMicros: number;
  sig: string;
}

/** Bytes a SIGNING_SECRET needs at least (a signed URL must not let its holder guess the key offline). */
export const MIN_SECRET_BYTES = 32;

const byteLength = (s: string) => new TextEncoder().encode(s).byteLength;

/**
 * Why the Worker cannot sign or verify download URLs with this configuration, or null when it can. The signing key is
 * SIGNING_SECRET alone: never derived from ADMIN_TOKEN, whose guesses a signed URL would otherwise let its holder test.
 */
export function signingSecretProblem(env: Partial<Pick<Bindings, 'SIGNING_SECRET' | 'ADMIN_TOKEN'>>): string | null {
  const secret = env.SIGNING_SECRET;
  const fix = `set one of at least ${MIN_SECRET_BYTES} random bytes: \`openssl rand -base64 48 | npx wrangler secret put SIGNING_SECRET\` (locally: npm start writes one into .dev.vars)`;
  if (!secret) return `SIGNING_SECRET is not set; ${fix}`;
  if (byteLength(secret) < MIN_SECRET_BYTES) return `SIGNING_SECRET is shorter than ${MIN_SECRET_BYTES} bytes; ${fix}`;
  if (secret === env.ADMIN_TOKEN) return `SIGNING_SECRET equals ADMIN_TOKEN; ${fix}`;
  return null;
}

function secret(env: Bindings): string {
  const problem = signingSecretProblem(env);
  if (problem) throw new ApiError(503, 'misconfigured', `the server is misconfigured: ${problem}`);
  return env.SIGNING_SECRET;
}

const message = (itemId: string, p: Omit<SignedParams, 'sig'>) => `v2\n${itemId}\n${p.acct}\n${p.kid}\n${p.exp}\n${p.maxPriceMicros}`;

export async function signDownload(env: Bindings, itemId: string, p: Omit<SignedParams, 'sig'>): Promise<string> {
  const sig = await hmacHex(secret(env), message(itemId, p));
  const q = new URLSearchParams({ acct: p.acct, kid: p.kid, exp: String(p.exp), maxPriceMicros: String(p.maxPriceMicros), sig });
  return `/v1/items/${encodeURIComponent(itemId)}/download?${q}`;
}

/** Throws 403 when the signature is wrong (any part changed, the price too) or the URL has expired. */
export async function verifyDownload(env: Bindings, itemId: string, p: SignedParams, now = Date.now()): Promise<void> {
  const expected = await hmacHex(secret(env), message(itemId, p));
  if (!(await safeEqual(expected, p.sig))) throw new ApiError(403, 'bad_signature', 'the signed URL is invalid');
  if (p.exp * 1000 < now) throw new ApiError(403, 'url_expired', 'the signed URL has expired; fetch a new manifest');
}
