// Classifies licence names and free text: CC0/PDM names, CC BY-family names, rights-reserved and public-domain claims.
import { cc0, ccFamilyCode, ccFamilyName, pdm, type LicenceFinding } from './finding.js';

/** Lower-cased, NFKC, dashes/underscores unified, HTML tags and entities reduced, whitespace collapsed. */
function simplifyText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&copy;|&#169;|&#xa9;/gi, '©')
    .replace(/&amp;/gi, '&')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .toLowerCase()
    .replace(/[‐‑‒–—―_]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const CC0_NAME = /\bcc[- ]?0\b|\bcc[- ]?zero\b|\bcreative commons zero\b|\bcczero\b/;
const PDM_NAME = /\bpublic domain mark\b|^pdm([- ]?1\.0)?$|\bpdm[- ]1\.0\b|\bcc-pd-mark\b/;
const CC_SHORT = /\bcc[- ]?by\b|\bcreative commons[- ](by|attribution)\b/;
const CC_LONG = /\battribution[- ](non[- ]?commercial|no[- ]?deriv|share[- ]?alike)|\battribution \d\.\d\b/;
const NC = /non[- ]?commercial|\bnc\b/;
const ND = /no[- ]?deriv|\bnd\b/;
const SA = /share[- ]?alike|\bsa\b/;
const RESERVED =
  /\b(all )?rights reserved\b|\balle rechte vorbehalten\b|\btous droits r[ée]serv[ée]s\b|\btodos los derechos reservados\b|\btutti i diritti riservati\b|\bin copyright\b/;
const PD_TEMPLATE = /^\{*\s*(template:)?pd(-[a-z0-9.]+)*\s*(\|[^}]*)?\}*$/;
const PD_CLAIM =
  /\bpublic[- ]?domain\b|\bpublicdomain\b|\bno known copyright\b|^no restrictions$|\b(united states|u\.? ?s\.?|us|federal) government (work|image|photo)\b|\bwork of the (united states|u\.? ?s\.?|us|federal) government\b|\bgemeinfrei\b|\bdomaine public\b|\bdominio p[úu]blico\b|\bpubblico dominio\b|\bpubliek domein\b|\bispublicdomain\b|^no copyright\b/;
const COPYRIGHT_NOTICE = /©|\(c\)|\bcopyright\b|\bcopr\.|\(p\)|℗/;
/** A copyright notice proper ("© X", "Copyright 2020 X"), not the word in a sentence such as CC0's "waived all copyright". */
const STRONG_NOTICE = /©|\(c\)|\bcopyright\s+(©\s*)?(\d{4}|by\b)/;
const NC_ONLY = /\bnon-?commercial (use )?only\b|\bnot for commercial use\b/;
const NEGATED = /\b(not|no longer)\b[^.;]{0,24}\b(cc0|cc zero|public domain mark)\b/;
const METADATA_ONLY = /\bmetadata\b[^.;]{0,40}\b(cc0|public domain mark)\b|\b(cc0|public domain mark)\b[^.;]{0,40}\bmetadata\b/;

/** Specific licences named in the text (CC0, PDM, CC BY family) and explicit rights reservations; may be several. */
export function specificTextFindings(raw: string): LicenceFinding[] {
  const t = simplifyText(raw);
  const out: LicenceFinding[] = [];
  if (CC0_NAME.test(t)) out.push(cc0(`names CC0: ${raw}`));
  if (PDM_NAME.test(t)) out.push(pdm(`names the Public Domain Mark: ${raw}`));
  const withoutCc0 = t.replace(CC0_NAME, ' ');
  if (CC_SHORT.test(withoutCc0) || CC_LONG.test(withoutCc0)) {
    const e = { nc: NC.test(withoutCc0), nd: ND.test(withoutCc0), sa: SA.test(withoutCc0) };
    out.push({ code: ccFamilyCode(e), detail: `names CC ${ccFamilyName(e)}: ${raw}` });
  }
  if (RESERVED.test(t)) out.push({ code: 'licence.all-rights-reserved', detail: `reserves rights: ${raw}` });
  if (NC_ONLY.test(t)) out.push({ code: 'licence.noncommercial', detail: `non-commercial use only: ${raw}` });
  const waiver = out.some((f) => f.licenceId);
  if (waiver && STRONG_NOTICE.test(t)) out.push({ code: 'licence.all-rights-reserved', detail: `a copyright notice contradicts the CC0/PDM statement: ${raw}` });
  if (waiver && NEGATED.test(t)) out.push({ code: 'licence.unrecognised', detail: `the statement negates CC0/PDM: ${raw}` });
  if (waiver && METADATA_ONLY.test(t)) out.push({ code: 'licence.unrecognised', detail: `CC0/PDM applies to the metadata, not the work: ${raw}` });
  return out;
}

/** For text that names no specific licence: a public-domain claim, a copyright notice, or unrecognised. */
export function genericTextFinding(raw: string): LicenceFinding {
  const t = simplifyText(raw);
  if (PD_TEMPLATE.test(t) || PD_CLAIM.test(t))
    return { code: 'licence.pd-unmarked', detail: `public-domain claim without CC0/PDM: ${raw}` };
  if (/\bcopyright (not evaluated|undetermined|unknown)\b|\bunknown copyright\b/.test(t))
    return { code: 'licence.unrecognised', detail: `copyright status not known: ${raw}` };
  if (COPYRIGHT_NOTICE.test(t)) return { code: 'licence.all-rights-reserved', detail: `copyright notice without a licence: ${raw}` };
  return { code: 'licence.unrecognised', detail: `not a licence this pipeline recognises: ${raw}` };
}
