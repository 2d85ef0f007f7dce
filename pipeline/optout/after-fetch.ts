// Opt-out and licence checks on the fetched image: response headers, embedded XMP/C2PA, registry and withdrawals by SHA-256 and by appearance, embedded licence.
import type { LicenceId } from '../catalog/index.js';
import { embeddedOptOut } from './embedded.js';
import { embeddedLicenceConflict, embeddedLicenceStatements, type Normalise } from './embedded-licence.js';
import { plusDataMining } from './plus-data-mining.js';
import type { Identity } from '../image/identity.js';
import { registryMatchIdentity, registryMatchSha256 } from './registry-snapshot.js';
import type { ReleaseSignals } from './release-signals.js';
import { robotsHeaderDisallows } from './robots-header.js';
import { SignalChecks } from './signal-checks.js';
import { tdmFromHeaders } from './tdm-rep.js';
import { describeUsage, trainingRefusal } from './usage-prefs.js';
import { withdrawnByIdentity, withdrawnBySha256 } from './withdrawals.js';

export interface FetchedImage {
  sha256: string;
  /** Response headers when fetched over http(s) (absent for a file in the release). */
  headers?: Record<string, string>;
  exif?: Buffer;
  xmp?: Buffer;
  iptc?: Buffer;
  data?: Buffer;
  /** Perceptual identity of the decoded picture (absent when it could not be decoded). */
  identity?: Identity;
}

/** Lower-cases header names, combining names that differ only in case as repeated lines are (`a, b`). */
function lowerHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = out[k.toLowerCase()] ? `${out[k.toLowerCase()]}, ${v}` : v;
  return out;
}

/** The image response's headers: X-Robots-Tag, tdm-reservation, Content-Usage. */
function headerChecks(raw: Record<string, string>, out: SignalChecks): void {
  const headers = lowerHeaders(raw);
  const xrt = headers['x-robots-tag'];
  const robots = robotsHeaderDisallows(xrt);
  if (robots) out.add('robots-header', 'image', 'refused', robots, `image response header ${robots}`);
  else out.add('robots-header', 'image', xrt ? 'allowed' : 'silent', xrt && `X-Robots-Tag: ${xrt}`);
  const tdm = tdmFromHeaders(headers);
  out.add('tdm-rep', 'image', tdm ? (tdm.reserved ? 'refused' : 'allowed') : 'silent', tdm?.detail, tdm && `image response ${tdm.detail}`);
  const usage = headers['content-usage'];
  const refusal = trainingRefusal(usage);
  if (refusal) out.add('content-usage', 'image', 'refused', `Content-Usage: ${usage} refuses ${refusal}`, `image response header Content-Usage: ${usage} (refuses ${refusal})`);
  else out.add('content-usage', 'image', usage ? 'allowed' : 'silent', usage ? describeUsage(usage) : undefined);
}

/** Every check after the fetch, as reasons for the decision and rows for the signal matrix. */
export function checksAfterFetch(signals: ReleaseSignals, image: FetchedImage, itemLicence: LicenceId | undefined, normalise: Normalise): SignalChecks {
  const out = new SignalChecks();
  if (image.headers) headerChecks(image.headers, out);
  const embedded = embeddedOptOut(image);
  const mining = plusDataMining(image.xmp);
  out.add('embedded', 'image', embedded ? 'refused' : mining.length ? 'allowed' : 'silent', embedded ?? (mining.length ? `XMP plus:DataMining ${mining.join(', ')}` : undefined));
  const listed = registryMatchSha256(signals.registry, image.sha256);
  out.add('registry', 'sha256', signals.configured.registry ? (listed ? 'refused' : 'silent') : 'unknown', listed);
  const withdrawn = withdrawnBySha256(signals.withdrawals, image.sha256);
  out.add('withdrawn', 'sha256', signals.configured.withdrawn ? (withdrawn ? 'refused' : 'silent') : 'unknown', withdrawn);
  // By appearance: a row only where the snapshot or the file lists fingerprints (exact matches were refused above).
  if (signals.registry.fingerprints.size && !listed) {
    const looks = registryMatchIdentity(signals.registry, image.identity);
    out.add('registry', 'perceptual', looks ? 'refused' : 'silent', looks);
  }
  if (signals.withdrawals.byFingerprint.size && !withdrawn) {
    const looks = withdrawnByIdentity(signals.withdrawals, image.identity);
    out.add('withdrawn', 'perceptual', looks ? 'refused' : 'silent', looks);
  }
  const statements = embeddedLicenceStatements(image.xmp, image.iptc, image.exif);
  const conflict = embeddedLicenceConflict(statements, itemLicence, normalise);
  const said = statements.map((s) => `${s.field}: ${s.statement}`).join('; ');
  out.add('embedded-licence', 'image', conflict ? 'refused' : statements.length ? 'allowed' : 'silent', conflict ?? (said || undefined));
  return out;
}
