// Finds personal data in free text: e-mail addresses, phone numbers and street-address-like strings.

/** Bump when the rules change (recorded in models["safety.textPii"]). */
export const TEXT_PII_VERSION = '1';

export type PiiKind = 'email' | 'phone' | 'address';

export interface PiiMatch {
  kind: PiiKind;
  text: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** "e-mail: jane at example dot com" style obfuscations. */
const EMAIL_OBFUSCATED = /\b[A-Za-z0-9._%+-]+\s*[[(]?\s*at\s*[\])]?\s*[A-Za-z0-9-]+\s*[[(]?\s*dot\s*[\])]?\s*[A-Za-z]{2,}\b/gi;

/** A run of digits with phone-style separators: optional +country, optional (area), 7–15 digits in total. */
const PHONE_CANDIDATE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}|\+\d{8,15}|\b\d{10,11}\b/g;
const PHONE_LABEL = /\b(?:tel|tél|phone|telephone|mobile|cell|fax|call)\b\.?\s*:?\s*$/i;

const STREET_TYPES = [
  'street', 'st', 'avenue', 'ave', 'road', 'rd', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'court', 'ct',
  'place', 'pl', 'terrace', 'way', 'highway', 'hwy', 'parkway', 'pkwy', 'square', 'sq', 'crescent', 'close',
  'circle', 'cir', 'alley', 'row', 'gardens', 'mews',
]
  .flatMap((t) => [t, t[0]!.toUpperCase() + t.slice(1), t.toUpperCase()])
  .join('|');
/** "221B Baker Street", "1600 Pennsylvania Ave NW", "12 rue de la Paix", "Hauptstraße 5", "PO Box 123". */
const ADDRESSES = [
  new RegExp(`\\b\\d{1,5}[A-Za-z]?,?\\s+(?:[A-Z][\\w'.-]*\\s+){1,4}(?:${STREET_TYPES})\\b\\.?`, 'g'),
  /\b\d{1,4}[a-z]?,?\s+(?:rue|avenue|boulevard|place|chemin|via|viale|calle|avenida|rua)\s+[\p{L}' -]{2,40}/giu,
  /\b[\p{Lu}][\p{L}-]*(?:straße|strasse|weg|gasse|allee|platz|laan|straat|gade|vej|gatan)\s+\d{1,4}[a-z]?\b/gu,
  /\bP\.?\s?O\.?\s+Box\s+\d+/gi,
];

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/** A year range ("1880-1940"), a date ("1923-05-01") or a decimal is not a phone number. */
function looksLikePhone(candidate: string, before: string): boolean {
  const digits = digitsOf(candidate);
  if (digits.length < 7 || digits.length > 15) return false;
  if (/^\d{4}[-–/.]\d{1,2}[-–/.]\d{1,2}$/.test(candidate) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/.test(candidate)) return false;
  if (/^\d{4}\s*[-–]\s*\d{4}$/.test(candidate)) return false;
  if (PHONE_LABEL.test(before)) return true;
  if (candidate.startsWith('+') || /^\(\d+\)/.test(candidate)) return true;
  // Unlabelled: only the common written forms: 555-123-4567 / 555.123.4567 / 555 123 4567 (North America), or
  // groups after a trunk 0 (020 7946 0958, 06 12 34 56 78). Catalogue numbers such as 1975.1.1234 stay out.
  if (/^\d{3}([-. ])\d{3}\1\d{4}$/.test(candidate)) return true;
  const groups = candidate.split(/[\s-]+/);
  return candidate.startsWith('0') && !candidate.includes('.') && groups.length >= 3 && groups.every((g) => g.length >= 2 && g.length <= 5);
}

export function findPii(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const m of text.matchAll(EMAIL)) found.push({ kind: 'email', text: m[0] });
  for (const m of text.matchAll(EMAIL_OBFUSCATED)) found.push({ kind: 'email', text: m[0] });
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    if (looksLikePhone(m[0].trim(), before)) found.push({ kind: 'phone', text: m[0].trim() });
  }
  for (const re of ADDRESSES) for (const m of text.matchAll(re)) found.push({ kind: 'address', text: m[0] });
  return found;
}

/** True when any of the item's texts (title, description, tags) carries personal data. */
export function hasTextPii(texts: Array<string | undefined | null>): boolean {
  return texts.some((t) => typeof t === 'string' && findPii(t).length > 0);
}
