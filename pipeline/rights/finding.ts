// What the licence normaliser concludes about one statement (or one part of it), and the canonical CC0/PDM URLs.
import type { DecisionCode } from '../catalog/codes.js';

export type PublicLicenceId = 'cc0-1.0' | 'pdm-1.0';

export interface LicenceFinding {
  code: DecisionCode;
  licenceId?: PublicLicenceId;
  /** Canonical URL of the licence when it is one we recognise. */
  url?: string;
  detail: string;
}

export const CC0_URL = 'https://creativecommons.org/publicdomain/zero/1.0/';
export const PDM_URL = 'https://creativecommons.org/publicdomain/mark/1.0/';

export const cc0 = (detail: string): LicenceFinding => ({ code: 'licence.cc0', licenceId: 'cc0-1.0', url: CC0_URL, detail });
export const pdm = (detail: string): LicenceFinding => ({ code: 'licence.pdm', licenceId: 'pdm-1.0', url: PDM_URL, detail });

/** Elements of a Creative Commons licence other than CC0/PDM, most restrictive first. */
export interface CcElements {
  nc: boolean;
  nd: boolean;
  sa: boolean;
}

/** The rejection code of a BY-family licence: NC, then ND, then SA, else plain attribution. */
export function ccFamilyCode(e: CcElements): DecisionCode {
  if (e.nc) return 'licence.noncommercial';
  if (e.nd) return 'licence.no-derivatives';
  if (e.sa) return 'licence.share-alike';
  return 'licence.attribution';
}

export function ccFamilyName(e: CcElements): string {
  return ['BY', e.nc && 'NC', e.nd && 'ND', e.sa && 'SA'].filter(Boolean).join('-');
}
