// The licence a file states about itself (XMP cc:license, xmpRights:WebStatement, dc:rights; IPTC copyright notice; EXIF Copyright) and whether it contradicts the item's licence.
import type { DecisionCode, LicenceId } from '../catalog/index.js';
import { exifCopyright } from './exif-copyright.js';
import { iimValues, IIM } from './iptc-iim.js';
import { NS, xmpValues } from './xmp.js';

export interface EmbeddedStatement {
  field: 'cc:license' | 'xmpRights:WebStatement' | 'dc:rights' | 'iptc:CopyrightNotice' | 'exif:Copyright';
  statement: string;
}

/** The shape of the rights normaliser (pipeline/rights/normalise.ts), passed in so this module stays independent. */
export type Normalise = (statement: string) => { code: DecisionCode; licenceId?: 'cc0-1.0' | 'pdm-1.0'; url?: string; detail: string };

export function embeddedLicenceStatements(xmp: Buffer | undefined, iptc: Buffer | undefined, exif?: Buffer): EmbeddedStatement[] {
  const out: EmbeddedStatement[] = [];
  for (const s of xmpValues(xmp, NS.cc, 'license')) out.push({ field: 'cc:license', statement: s });
  for (const s of xmpValues(xmp, NS.xmpRights, 'WebStatement')) out.push({ field: 'xmpRights:WebStatement', statement: s });
  for (const s of xmpValues(xmp, NS.dc, 'rights')) out.push({ field: 'dc:rights', statement: s });
  for (const s of iimValues(iptc, IIM.copyrightNotice)) out.push({ field: 'iptc:CopyrightNotice', statement: s });
  for (const s of exifCopyright(exif)) out.push({ field: 'exif:Copyright', statement: s });
  return out;
}

/** Codes that mean "this is a definite licence or reservation" — an embedded statement with one of them can contradict. */
const DEFINITE: ReadonlySet<DecisionCode> = new Set<DecisionCode>([
  'licence.cc0',
  'licence.pdm',
  'licence.attribution',
  'licence.noncommercial',
  'licence.no-derivatives',
  'licence.share-alike',
  'licence.all-rights-reserved',
  'licence.conflict',
]);

/**
 * Why the embedded statements contradict the item's licence, or undefined. Only definite statements count
 * (a CC licence, CC0/PDM, all rights reserved): free text, a web page URL or a generic "public domain"
 * neither confirms nor contradicts. A CC0 item whose file says CC BY, or ©, is a conflict.
 */
export function embeddedLicenceConflict(statements: EmbeddedStatement[], itemLicence: LicenceId | undefined, normalise: Normalise): string | undefined {
  if (!itemLicence || itemLicence === 'optin') return undefined;
  for (const s of statements) {
    const n = normalise(s.statement);
    if (!DEFINITE.has(n.code)) continue;
    if (n.licenceId === itemLicence) continue;
    return `embedded ${s.field} "${s.statement}" (${n.code}) contradicts the stated ${itemLicence}`;
  }
  return undefined;
}
