// TDM-Rep (W3C TDM Reservation Protocol): /.well-known/tdmrep.json rules, the `tdm-reservation` header and the HTML meta tag.
import { patternMatches } from './glob-match.js';
import { metaTags } from './html-meta.js';

export interface TdmRule {
  location: string;
  reservation: 0 | 1;
  policy?: string;
}

export interface TdmVerdict {
  reserved: boolean;
  policy?: string;
  detail: string;
}

/** Parses tdmrep.json (an array of `{ location, "tdm-reservation", "tdm-policy"? }`); entries it cannot read are skipped. */
export function parseTdmRepJson(text: string): { rules: TdmRule[]; errors: string[] } {
  const errors: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { rules: [], errors: [`not JSON: ${(err as Error).message}`] };
  }
  const list = Array.isArray(data) ? data : [data];
  const rules: TdmRule[] = [];
  list.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object') return void errors.push(`entry ${i}: not an object`);
    const e = entry as Record<string, unknown>;
    const location = typeof e.location === 'string' ? e.location.trim() : '';
    const r = Number(e['tdm-reservation']);
    if (!location || (r !== 0 && r !== 1)) return void errors.push(`entry ${i}: needs location and tdm-reservation 0|1`);
    const policy = typeof e['tdm-policy'] === 'string' ? e['tdm-policy'] : undefined;
    rules.push({ location: location.startsWith('/') || location.startsWith('*') ? location : `/${location}`, reservation: r, ...(policy ? { policy } : {}) });
  });
  return { rules, errors };
}

/** The first rule (in file order, as the protocol says) whose location pattern matches `path` decides. */
export function tdmRepFor(rules: TdmRule[], path: string): TdmVerdict | undefined {
  const rule = rules.find((r) => patternMatches(r.location, path, r.reservation === 1 ? 'widen' : 'never'));
  if (!rule) return undefined;
  return {
    reserved: rule.reservation === 1,
    ...(rule.policy ? { policy: rule.policy } : {}),
    detail: `tdmrep.json location ${rule.location}: tdm-reservation ${rule.reservation}${rule.policy ? `, tdm-policy ${rule.policy}` : ''} (applies to ${path})`,
  };
}

/** The values of a header that HTTP combined from repeated lines (`1, 0`), trimmed, empty ones dropped. */
const listValues = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);

/** From lower-cased response headers: `tdm-reservation: 1` (and `tdm-policy`). Repeated lines arrive combined as HTTP
 *  says (`1, 0`): any `1` reserves (datadiligence and the first reading here took only a lone `1`). */
export function tdmFromHeaders(headers: Record<string, string> | undefined): TdmVerdict | undefined {
  const values = listValues(headers?.['tdm-reservation']);
  if (!values.length) return undefined;
  const policy = listValues(headers?.['tdm-policy'])[0];
  const reserved = values.includes('1');
  const value = values.join(', ');
  return { reserved, ...(policy ? { policy } : {}), detail: `tdm-reservation: ${value} header${policy ? `, tdm-policy: ${policy}` : ''}` };
}

/** From an HTML page: `<meta name="tdm-reservation" content="1">` (and `tdm-policy`), attributes in any order/quoting. */
export function tdmFromHtml(html: string): TdmVerdict | undefined {
  const reservation: string[] = [];
  const policies: string[] = [];
  for (const { name, content } of metaTags(html)) {
    if (name === 'tdm-reservation') reservation.push(content);
    if (name === 'tdm-policy') policies.push(content);
  }
  if (!reservation.length) return undefined;
  // Several tags: any reservation wins, as for repeated header lines.
  const value = reservation.includes('1') ? '1' : reservation[0]!;
  const policy = policies[0];
  return { reserved: value === '1', ...(policy ? { policy } : {}), detail: `<meta name="tdm-reservation" content="${value}">${policy ? ` tdm-policy ${policy}` : ''}` };
}
