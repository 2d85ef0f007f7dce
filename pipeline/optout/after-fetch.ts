// Opt-out and licence checks on the fetched image: response headers, embedded XMP/C2PA, registry and withdrawals by SHA-256, embedded licence.
import type { LicenceId, Reason } from '../catalog/index.js';
import { embeddedOptOut } from './embedded.js';
import { embeddedLicenceConflict, embeddedLicenceStatements, type Normalise } from './embedded-licence.js';
import { registryMatchSha256 } from './registry-snapshot.js';
import type { ReleaseSignals } from './release-signals.js';
import { robotsHeaderDisallows } from './robots-header.js';
import { tdmFromHeaders } from './tdm-rep.js';
import { withdrawnBySha256 } from './withdrawals.js';

export interface FetchedImage {
  sha256: string;
  headers?: Record<string, string>;
  xmp?: Buffer;
  iptc?: Buffer;
  data?: Buffer;
}

/** Lower-cases header names (the image stage already does; this keeps the check safe for any caller). */
function lowerHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = out[k.toLowerCase()] ? `${out[k.toLowerCase()]}, ${v}` : v;
  return out;
}

export function checkAfterFetch(signals: ReleaseSignals, image: FetchedImage, itemLicence: LicenceId | undefined, normalise: Normalise): Reason[] {
  const reasons: Reason[] = [];
  const headers = lowerHeaders(image.headers);
  const robots = robotsHeaderDisallows(headers['x-robots-tag']);
  if (robots) reasons.push({ code: 'optout.robots-header', detail: `image response header ${robots}` });
  const tdm = tdmFromHeaders(headers);
  if (tdm?.reserved) reasons.push({ code: 'optout.tdm-rep', detail: `image response ${tdm.detail}` });
  const embedded = embeddedOptOut(image);
  if (embedded) reasons.push({ code: 'optout.embedded', detail: embedded });
  const listed = registryMatchSha256(signals.registry, image.sha256);
  if (listed) reasons.push({ code: 'optout.registry', detail: listed });
  const withdrawn = withdrawnBySha256(signals.withdrawals, image.sha256);
  if (withdrawn) reasons.push({ code: 'optout.withdrawn', detail: withdrawn });
  const conflict = embeddedLicenceConflict(embeddedLicenceStatements(image.xmp, image.iptc), itemLicence, normalise);
  if (conflict) reasons.push({ code: 'licence.conflict', detail: conflict });
  return reasons;
}
