// The evidence of one "Find my works" match, signed for the holder who searched: the upload is not kept, so a claim or a
// withdrawal request carries this token (HMAC with SIGNING_SECRET) instead, and cannot be forged, altered or replayed by another holder.
import { z } from 'zod';
import { FINGERPRINT_PATTERN } from '../../../pipeline/catalog/identity.js';
import type { Bindings } from '../types/env.js';
import { base64url, hmacHex, safeEqual } from './crypto.js';
import { ApiError } from './errors.js';
import { formatFingerprint } from './find-fingerprint.js';
import type { FindQuery } from './find-identity.js';
import type { FindMatch } from './find-index.js';
import { signingSecretProblem } from './signing.js';

/** How long a result's claim and withdrawal buttons work (seconds). */
export const EVIDENCE_TTL = 3600;

export const Evidence = z.object({
  v: z.literal(1),
  holderId: z.string().min(1).max(200),
  itemId: z.string().min(1).max(300),
  /** The upload's SHA-256, size, pixel size and perceptual fingerprint (pid1 text): what the holder showed. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(1),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  fingerprint: z.string().regex(FINGERPRINT_PATTERN),
  signal: z.enum(['sha256', 'hash', 'mirrored', 'framed', 'framed-mirrored']),
  hash: z.number().int().min(0).max(64).nullable(),
  colour: z.number().min(0).max(255).nullable(),
  /** The URL on the holder's verified domain the picture was fetched from, when the search took a URL. */
  url: z.string().max(2000).nullable(),
  /** Unix seconds: issued, expires. */
  iat: z.number().int(),
  exp: z.number().int(),
});
export type Evidence = z.infer<typeof Evidence>;

function secretOf(env: Bindings): string {
  const problem = signingSecretProblem(env);
  if (problem) throw new ApiError(503, 'misconfigured', `the server is misconfigured: ${problem}`);
  return env.SIGNING_SECRET;
}

const mac = (env: Bindings, payload: string) => hmacHex(secretOf(env), `find-evidence\n${payload}`);

export function evidenceOf(holderId: string, q: FindQuery, m: FindMatch, url: string | null, now = Date.now()): Evidence {
  const iat = Math.floor(now / 1000);
  return {
    v: 1, holderId, itemId: m.item.id, sha256: q.sha256, bytes: q.bytes, width: q.width, height: q.height, fingerprint: formatFingerprint(q.identity.fingerprint),
    signal: m.signal, hash: m.hash, colour: m.colour === null ? null : Math.round(m.colour * 100) / 100, url, iat, exp: iat + EVIDENCE_TTL,
  };
}

export async function signEvidence(env: Bindings, e: Evidence): Promise<string> {
  const payload = base64url(new TextEncoder().encode(JSON.stringify(e)));
  return `${payload}.${await mac(env, payload)}`;
}

/** The evidence a token carries, for this holder only: 403 when forged, altered, another holder's, or expired. */
export async function openEvidence(env: Bindings, token: string, holderId: string, now = Date.now()): Promise<Evidence> {
  const refused = (why: string) => new ApiError(403, 'bad_evidence', why);
  const [payload, sig, extra] = token.split('.');
  if (!payload || !sig || extra !== undefined || token.length > 8000) throw refused('the match evidence is malformed: search again');
  if (!(await safeEqual(await mac(env, payload), sig))) throw refused('the match evidence was not issued by this site or was altered: search again');
  let parsed: Evidence;
  try {
    const bin = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    parsed = Evidence.parse(JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)))));
  } catch {
    throw refused('the match evidence is malformed: search again');
  }
  if (parsed.holderId !== holderId) throw refused('this match was found by another rights holder: search for it yourself');
  if (parsed.exp * 1000 < now) throw refused('the match evidence has expired (an hour after the search): search again');
  return parsed;
}
