// Openverse catalog licence columns (`license` + `license_version`, e.g. cc0 + 1.0, by + 4.0) → the Creative Commons URL they name.

const CODE = /^[a-z][a-z0-9+-]*$/;
const VERSION = /^\d\.\d$/;

/** The licence URL for a catalog code and version; a code or version that cannot form a URL is passed on as written
 *  (the normaliser then decides); no code at all → undefined (a missing licence). */
export function openverseLicenceUrl(license: string | null | undefined, version: string | null | undefined): string | undefined {
  const raw = license?.trim();
  if (!raw) return undefined;
  const code = raw.toLowerCase();
  const v = version?.trim();
  if (!CODE.test(code) || !v || !VERSION.test(v)) return [raw, v].filter(Boolean).join(' ');
  if (code === 'cc0') return `https://creativecommons.org/publicdomain/zero/${v}/`;
  if (code === 'pdm') return `https://creativecommons.org/publicdomain/mark/${v}/`;
  return `https://creativecommons.org/licenses/${code}/${v}/`;
}
