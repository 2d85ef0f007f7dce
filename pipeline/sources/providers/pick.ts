// Small, total accessors for untyped provider JSON (never throw): strings, numbers, arrays, nested fields, HTML text.

export type Json = unknown;

export function get(v: Json, ...path: (string | number)[]): Json {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** A non-empty trimmed string (numbers become strings), else undefined. */
export function str(v: Json): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function arr(v: Json): Json[] {
  return Array.isArray(v) ? v : [];
}

export function isObject(v: Json): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A year as an integer from a number or a string that starts with one (e.g. "1848", "1536-01-01T…"). */
export function year(v: Json): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const m = typeof v === 'string' ? /^\s*(-?\d{1,4})\b/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

/** An ISO time from an ISO-ish string, "YYYY-MM-DD hh:mm:ss" (UTC), or epoch seconds/milliseconds. */
export function isoTime(v: Json): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  let d: Date;
  if (typeof v === 'number' || (typeof v === 'string' && /^\d{9,13}$/.test(v))) {
    const n = Number(v);
    d = new Date(n < 1e11 ? n * 1000 : n);
  } else if (typeof v === 'string') {
    const s = /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(v) && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
    d = new Date(s);
  } else return undefined;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Text of an HTML fragment: tags dropped, common entities decoded, whitespace collapsed. */
export function text(v: Json): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const t = s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return t || undefined;
}

/** First non-empty string among the candidates. */
export function first(...vs: Json[]): string | undefined {
  for (const v of vs) {
    const s = str(v);
    if (s) return s;
  }
  return undefined;
}
