// Small URL helpers shared by the opt-out checks: host and path of http(s) URLs, and a canonical form for matching.
export function httpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Lower-cased host without a trailing dot, or undefined for non-http(s) values. */
export function hostOf(value: string | undefined): string | undefined {
  const url = httpUrl(value);
  return url ? url.hostname.toLowerCase().replace(/\.$/, '') : undefined;
}

/** Path plus query, as robots.txt-style rules see it. */
export function pathOf(url: URL): string {
  return `${url.pathname || '/'}${url.search}`;
}

/** URLs that WHATWG parsing would leave unchanged: lower-case DNS host (last label starts with a letter, so no IPv4
 *  forms), no port, userinfo or fragment, a path and query of characters that are never re-encoded. */
const ALREADY_CANONICAL = /^https?:\/\/(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&()*+,;=:@/%]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/%?]*)?$/;
const DOT_SEGMENT = /\/\.{1,2}(?:[/?]|$)|%2e/i;

/** Canonical URL for exact matching: WHATWG-normalised (lower-case scheme/host, default port dropped), no fragment. */
export function canonicalUrl(value: string): string | undefined {
  if (ALREADY_CANONICAL.test(value) && !DOT_SEGMENT.test(value)) return value; // fast path for large snapshots
  const url = httpUrl(value.trim());
  if (!url) return undefined;
  url.hash = '';
  url.hostname = url.hostname.replace(/\.$/, '');
  return url.href;
}

/** The host itself and every parent domain with at least two labels: a.b.example.org → [a.b.example.org, b.example.org, example.org]. */
export function hostAndParents(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out.length ? out : [host];
}
