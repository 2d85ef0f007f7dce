// Proves a domain claim: fetches <scheme>://<domain>/.well-known/clearance-verification.txt and looks for the claim's
// token. Deployed it is https to public host names only (no IP literals, no local names, no redirects followed);
// VERIFY_SCHEME=http is the dev/test setting that also lets 127.0.0.1 and localhost be checked.
import type { Bindings } from '../types/env.js';

export const WELL_KNOWN_PATH = '/.well-known/clearance-verification.txt';
const MAX_BYTES = 4096;
const TIMEOUT_MS = 5000;

/** A DNS name of at least two labels (letters, digits, hyphens), lower-cased, at most 253 characters. */
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home', '.corp', '.intranet', '.test', '.invalid', '.example'];

export interface VerifySettings {
  scheme: 'https' | 'http';
  port: number | null;
}

/** The Worker's settings; anything but "http" is https, a port outside 1–65535 is the default. */
export function verifySettings(env: Bindings): VerifySettings {
  const scheme = String(env.VERIFY_SCHEME ?? '') === 'http' ? 'http' : 'https';
  const port = Number(String(env.VERIFY_PORT ?? ''));
  return { scheme, port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null };
}

/** The claimed domain normalised, or why it cannot be checked under these settings. */
export function checkableDomain(input: string, s: VerifySettings): { domain: string } | { error: string } {
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  if (s.scheme === 'http' && (domain === '127.0.0.1' || domain === 'localhost')) return { domain };
  if (!DOMAIN.test(domain)) return { error: 'give a domain name such as example.org (no scheme, path, port or IP address)' };
  if (domain === 'localhost' || LOCAL_SUFFIXES.some((x) => domain.endsWith(x))) return { error: 'that name is not on the public internet' };
  return { domain };
}

export const verificationUrl = (domain: string, s: VerifySettings): string => `${s.scheme}://${domain}${s.port ? `:${s.port}` : ''}${WELL_KNOWN_PATH}`;

async function readSmall(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= MAX_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const all = new Uint8Array(Math.min(size, MAX_BYTES));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, Math.max(0, all.length - at));
    all.set(part, at);
    at += part.length;
  }
  return new TextDecoder().decode(all);
}

/** Fetches the file and reports whether one of its lines is the expected line (never throws). */
export async function fetchVerification(domain: string, expectedLine: string, s: VerifySettings, fetcher: typeof fetch = fetch): Promise<{ ok: boolean; detail: string }> {
  const url = verificationUrl(domain, s);
  let res: Response;
  try {
    res = await fetcher(url, { redirect: 'manual', headers: { accept: 'text/plain' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    return { ok: false, detail: `${url} could not be fetched (${(err as Error).name === 'TimeoutError' ? 'no answer in 5 s' : 'connection failed'})` };
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, detail: `${url} answered HTTP ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : ''}` };
  }
  const text = await readSmall(res);
  const found = text.split(/\r?\n/).some((l) => l.trim() === expectedLine);
  return found ? { ok: true, detail: `${url} holds the token` } : { ok: false, detail: `${url} does not hold the line ${expectedLine}` };
}
