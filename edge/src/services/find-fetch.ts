// "Find my works" by URL: fetches a picture from one of the holder's verified claim domains under domain-check.ts's
// rules (its scheme and port settings, public names only, no redirects followed), within a size and time limit.
import { and, eq } from 'drizzle-orm';
import { holderClaims } from '../db/schema.js';
import type { Bindings, Db } from '../types/env.js';
import { checkableDomain, verifySettings } from './domain-check.js';
import { ApiError } from './errors.js';
import { MAX_FIND_BYTES } from './find-identity.js';
import { concatBytes } from './concat-bytes.js';

const TIMEOUT_MS = 10_000;

/** The domains the holder proved with a token file (verified claims of method domain). */
export async function verifiedDomains(db: Db, holderId: string): Promise<string[]> {
  const rows = await db.select({ subject: holderClaims.subject }).from(holderClaims)
    .where(and(eq(holderClaims.holderId, holderId), eq(holderClaims.method, 'domain'), eq(holderClaims.status, 'verified')));
  return [...new Set(rows.map((r) => r.subject))];
}

/** The URL, when it is one the edge may fetch for this holder: 400 otherwise, saying why. */
export function allowedUrl(input: string, domains: string[], env: Bindings): URL {
  const s = verifySettings(env);
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ApiError(400, 'invalid_url', 'give a full URL, e.g. https://example.org/works/orchard.jpg');
  }
  if (url.protocol !== `${s.scheme}:`) throw new ApiError(400, 'invalid_url', `only ${s.scheme}:// URLs are fetched`);
  if (url.username || url.password) throw new ApiError(400, 'invalid_url', 'a URL with a user name or password is not fetched');
  if (url.port !== '' && Number(url.port) !== s.port) throw new ApiError(400, 'invalid_url', 'give the URL without a port');
  const host = checkableDomain(url.hostname, s);
  if ('error' in host) throw new ApiError(400, 'invalid_url', `not a host we fetch: ${host.error}`);
  if (!domains.some((d) => host.domain === d || host.domain.endsWith(`.${d}`))) {
    throw new ApiError(403, 'domain_not_verified', domains.length ? `the URL is not on your verified domains (${domains.join(', ')})` : 'you have no verified domain: prove one on your dashboard first, or upload the file');
  }
  return url;
}

/** The picture's bytes and declared type; 422 `fetch_failed` when the host does not give it, 413 past the size limit. */
export async function fetchPicture(url: URL, fetcher: typeof fetch = fetch): Promise<{ bytes: Uint8Array; declaredType: string }> {
  let res: Response;
  try {
    res = await fetcher(url.toString(), { redirect: 'manual', headers: { accept: 'image/jpeg, image/png' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new ApiError(422, 'fetch_failed', `${url} could not be fetched (${(err as Error).name === 'TimeoutError' ? `no answer in ${TIMEOUT_MS / 1000} s` : 'connection failed'})`);
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new ApiError(422, 'fetch_failed', `${url} answered HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}`);
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_FIND_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw new ApiError(413, 'payload_too_large', `the picture is over ${MAX_FIND_BYTES / 1024 / 1024} MiB`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_FIND_BYTES) {
        await reader.cancel().catch(() => undefined);
        throw new ApiError(413, 'payload_too_large', `the picture is over ${MAX_FIND_BYTES / 1024 / 1024} MiB`);
      }
      chunks.push(value);
    }
  }
  return { bytes: concatBytes(chunks, size), declaredType: res.headers.get('content-type') ?? '' };
}
