// Classifies a licence URL: CC legal tools only on the exact creativecommons.org host and a real path; a few rights vocabularies.
import { cc0, ccFamilyCode, ccFamilyName, pdm, type LicenceFinding } from './finding.js';

const CC_HOSTS = new Set(['creativecommons.org', 'www.creativecommons.org']);
const CC_VERSIONS = new Set(['1.0', '2.0', '2.1', '2.5', '3.0', '4.0']);
/** What may follow a licence's version (and jurisdiction): nothing, the legal code, a deed in a language, rdf. */
const CC_TAIL = /^(legalcode(\.[a-z]{2,3}([-_][a-z0-9]{2,4})?)?|deed(\.[a-z]{2,3}([-_][a-z0-9]{2,4})?)?|rdf)$/;
const JURISDICTION = /^([a-z]{2}|scotland|igo)$/;
const CC_TYPE = /^(by|nc|nd|sa)(-(nc|nd|sa)){0,2}$/;
/** Creative Commons pages about CC0 that sources link instead of the legal tool (e.g. SMK). */
const CC0_INFO_PATHS = new Set(['share-your-work/public-domain/cc0', 'about/cc0']);

/** Parses a URL-looking token (with or without scheme, protocol-relative too); undefined when it is not a URL. */
function parseLicenceUrl(token: string): URL | undefined {
  let t = token.trim();
  if (t.startsWith('//')) t = `https:${t}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(t)) {
    if (!/^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(t)) return undefined;
    t = `https://${t}`;
  }
  try {
    return new URL(t);
  } catch {
    return undefined;
  }
}

/** A licence finding for a URL. Lookalike hosts, credentials, ports and made-up paths never pass. */
export function classifyLicenceUrl(raw: string): LicenceFinding {
  const url = parseLicenceUrl(raw);
  if (!url) return { code: 'licence.unrecognised', detail: `not a valid URL: ${raw}` };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { code: 'licence.unrecognised', detail: `not a web URL: ${raw}` };
  const host = url.hostname.toLowerCase();
  if (CC_HOSTS.has(host)) {
    if (url.username || url.password || url.port) return { code: 'licence.unrecognised', detail: `Creative Commons URL with credentials or a port: ${raw}` };
    return classifyCcPath(url.pathname, raw);
  }
  if (host.includes('creativecommons')) return { code: 'licence.unrecognised', detail: `lookalike of creativecommons.org: host ${host}` };
  if (host === 'rightsstatements.org' || host === 'www.rightsstatements.org') return classifyRightsStatement(url.pathname, raw);
  if (/(^|\.)europeana\.eu$/.test(host) && url.pathname.includes('/rights/')) return classifyEuropeanaRights(url.pathname, raw);
  if (/(^|\.)flickr\.com$/.test(host) && /^\/commons\/usage\/?$/.test(url.pathname))
    return { code: 'licence.pd-unmarked', detail: `Flickr Commons "no known copyright restrictions", not CC0/PDM: ${raw}` };
  return { code: 'licence.unrecognised', detail: `not a licence URL this pipeline recognises: ${raw}` };
}

function classifyCcPath(pathname: string, raw: string): LicenceFinding {
  const segs = pathname.toLowerCase().split('/').filter((s) => s !== '');
  const path = segs.join('/');
  if (CC0_INFO_PATHS.has(path)) return cc0(`CC0 stated by Creative Commons' CC0 page (non-canonical URL): ${raw}`);
  const [kind, type, version, ...rest] = segs;
  const tailOk = (r: string[]): boolean => r.length === 0 || (r.length === 1 && CC_TAIL.test(r[0]!));
  if (kind === 'publicdomain') {
    if (type === 'zero' && version === '1.0' && tailOk(rest)) return cc0(`CC0 1.0 URL: ${raw}`);
    if (type === 'mark' && version === '1.0' && tailOk(rest)) return pdm(`Public Domain Mark 1.0 URL: ${raw}`);
    return { code: 'licence.unrecognised', detail: `not a real CC0/PDM path on creativecommons.org: ${raw}` };
  }
  if (kind === 'licenses' && type === 'publicdomain')
    return { code: 'licence.pd-unmarked', detail: `retired CC public domain certification, not CC0/PDM: ${raw}` };
  if (kind === 'licenses' && type && CC_TYPE.test(type) && version && CC_VERSIONS.has(version)) {
    const r = rest[0] && JURISDICTION.test(rest[0]) && !CC_TAIL.test(rest[0]) ? rest.slice(1) : rest;
    if (tailOk(r)) {
      const e = { nc: /\bnc\b/.test(type), nd: /\bnd\b/.test(type), sa: /\bsa\b/.test(type) };
      return { code: ccFamilyCode(e), detail: `CC ${ccFamilyName(e)} ${version} URL: ${raw}` };
    }
  }
  return { code: 'licence.unrecognised', detail: `not a real Creative Commons licence path: ${raw}` };
}

function classifyRightsStatement(pathname: string, raw: string): LicenceFinding {
  const id = pathname.split('/').filter(Boolean)[1] ?? '';
  if (/^InC(-|$)/.test(id)) return { code: 'licence.all-rights-reserved', detail: `RightsStatements.org ${id} (in copyright): ${raw}` };
  if (id === 'NoC-NC') return { code: 'licence.noncommercial', detail: `RightsStatements.org ${id} (non-commercial use only): ${raw}` };
  if (id === 'NoC-US' || id === 'NKC')
    return { code: 'licence.pd-unmarked', detail: `RightsStatements.org ${id}: a public-domain claim without CC0/PDM: ${raw}` };
  return { code: 'licence.unrecognised', detail: `RightsStatements.org ${id || '?'} does not clear the work: ${raw}` };
}

function classifyEuropeanaRights(pathname: string, raw: string): LicenceFinding {
  if (/\/rr-[fpr]\b/.test(pathname)) return { code: 'licence.all-rights-reserved', detail: `Europeana rights reserved: ${raw}` };
  if (/non-commercial/.test(pathname)) return { code: 'licence.noncommercial', detail: `Europeana out of copyright, non-commercial: ${raw}` };
  return { code: 'licence.unrecognised', detail: `Europeana rights statement that does not clear the work: ${raw}` };
}
