// Do Not Train registry snapshot: parse the release's file (exact URL, `domain:<host>`, `sha256:<hex>`, `pid1:` fingerprint, `#` comments) and match against it.
import { FINGERPRINT_PATTERN } from '../catalog/index.js';
import type { Identity } from '../image/identity.js';
import { parseFingerprint } from '../image/identity-format.js';
import { describeMatch, IdentityIndex, OPT_OUT_MATCH } from '../image/identity-index.js';
import { canonicalUrl, hostAndParents, hostOf } from './url-parts.js';

export interface RegistrySnapshot {
  urls: Set<string>;
  domains: Set<string>;
  sha256: Set<string>;
  /** `pid1:` perceptual fingerprints (pipeline/catalog/identity.ts), by the line that listed them: edited copies match. */
  fingerprints: IdentityIndex<number>;
  /** Lines that were not understood (1-based line number and text); reported, never silently matched. */
  invalid: { line: number; text: string }[];
}

export function emptyRegistry(): RegistrySnapshot {
  return { urls: new Set(), domains: new Set(), sha256: new Set(), fingerprints: new IdentityIndex(OPT_OUT_MATCH), invalid: [] };
}

export function parseRegistry(text: string): RegistrySnapshot {
  const reg = emptyRegistry();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = (raw.includes('#') ? raw.replace(/(^|\s)#.*$/, '') : raw).trim();
    if (!line) return;
    const lower = line.slice(0, 7).toLowerCase();
    if (lower === 'domain:') {
      const host = line.slice(7).trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
      if (/^[a-z0-9.-]+$/.test(host) && host.includes('.')) reg.domains.add(host);
      else reg.invalid.push({ line: i + 1, text: raw });
    } else if (lower.startsWith('pid1:')) {
      if (FINGERPRINT_PATTERN.test(line)) reg.fingerprints.add(parseFingerprint(line), i + 1);
      else reg.invalid.push({ line: i + 1, text: raw });
    } else if (lower === 'sha256:') {
      const hex = line.slice(7).trim().toLowerCase();
      if (/^[0-9a-f]{64}$/.test(hex)) reg.sha256.add(hex);
      else reg.invalid.push({ line: i + 1, text: raw });
    } else {
      const url = canonicalUrl(line);
      if (url) reg.urls.add(url);
      else reg.invalid.push({ line: i + 1, text: raw });
    }
  });
  return reg;
}

/**
 * Why a URL is in the registry, or undefined. `domain:example.org` covers example.org and every subdomain
 * (images.example.org): an owner opting out a domain opts out what it serves from its subdomains too.
 */
export function registryMatchUrl(reg: RegistrySnapshot, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = canonicalUrl(value);
  if (url && reg.urls.has(url)) return `URL listed in the Do Not Train registry: ${url}`;
  const host = hostOf(value);
  if (!host) return undefined;
  const domain = hostAndParents(host).find((h) => reg.domains.has(h));
  return domain ? `domain:${domain} listed in the Do Not Train registry (covers ${host})` : undefined;
}

export function registryMatchSha256(reg: RegistrySnapshot, sha256: string | undefined): string | undefined {
  return sha256 && reg.sha256.has(sha256.toLowerCase()) ? `sha256:${sha256} listed in the Do Not Train registry` : undefined;
}

/** Why the picture looks like one the registry lists by fingerprint (the line, the distances), or undefined. */
export function registryMatchIdentity(reg: RegistrySnapshot, identity: Identity | undefined): string | undefined {
  const m = identity && reg.fingerprints.nearest(identity);
  return m ? `fingerprint on line ${m.value} of the Do Not Train registry (${describeMatch(m)})` : undefined;
}
