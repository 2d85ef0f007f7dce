// Linear-time matching of robots.txt-style path patterns (RFC 9309 `*` and trailing `$`) and file-name globs; no RegExp is built from a pattern.

/** Patterns longer than this (characters) or with more stars are cut (see `compilePattern`). */
export const MAX_PATTERN_LENGTH = 2048;
export const MAX_PATTERN_STARS = 32;

export interface CompiledPattern {
  /** Literal pieces between runs of `*` (lower-cased when case-insensitive); parts.length - 1 stars. */
  parts: string[];
  /** KMP failure tables of the parts. */
  tables: Int32Array[];
  /** 'exact': the match ends at the end of the path (`$`); 'file': at the end or before `?`/`#`; 'prefix': anywhere. */
  end: 'exact' | 'file' | 'prefix';
  caseInsensitive: boolean;
  /** The pattern exceeded the caps: it was cut to a prefix of itself ('widen') or matches nothing ('never'). */
  capped?: 'widen' | 'never';
}

function kmpTable(p: string): Int32Array {
  const t = new Int32Array(p.length);
  for (let i = 1, k = 0; i < p.length; i++) {
    while (k > 0 && p.charCodeAt(i) !== p.charCodeAt(k)) k = t[k - 1]!;
    if (p.charCodeAt(i) === p.charCodeAt(k)) k++;
    t[i] = k;
  }
  return t;
}

/** Calls `hit(end)` for each occurrence of `p` in `s` starting at or after `from` (end = index after it); stops when hit returns true. */
function kmpScan(s: string, p: string, t: Int32Array, from: number, hit: (end: number) => boolean): boolean {
  if (p.length === 0) return hit(from);
  for (let i = from, k = 0; i < s.length; i++) {
    while (k > 0 && s.charCodeAt(i) !== p.charCodeAt(k)) k = t[k - 1]!;
    if (s.charCodeAt(i) === p.charCodeAt(k)) k++;
    if (k === p.length) {
      if (hit(i + 1)) return true;
      k = t[k - 1]!;
    }
  }
  return false;
}

/** Index just after the leftmost occurrence of `p` at or after `from`, or -1. */
function findEnd(s: string, p: string, t: Int32Array, from: number): number {
  let found = -1;
  kmpScan(s, p, t, from, (end) => ((found = end), true));
  return found;
}

/**
 * Compiles a robots.txt / ai.txt / tdmrep.json path pattern with the semantics the opt-out checks have always used:
 * `*` spans any sequence, a trailing `$` anchors at the end, otherwise a prefix match. A pattern without a leading
 * `/` is a file glob: `*.png` matches anywhere; a glob ending in `.ext` names files, matches case-insensitively and
 * ends at the end of the path or before its query. Over the caps, `overCap: 'widen'` keeps the pattern cut to its
 * first MAX_PATTERN_LENGTH characters / MAX_PATTERN_STARS stars as a prefix match (a superset of what it matched:
 * right for Disallow and reservations), `'never'` makes it match nothing (right for Allow).
 */
export function compilePattern(pattern: string, overCap: 'widen' | 'never' = 'widen', syntax: 'ai-txt' | 'robots' = 'ai-txt'): CompiledPattern {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const glob = !body.startsWith('/');
  // robots.txt (RFC 9309) has no file globs: a path without its leading `/` gets one, a leading `*` spans from the start.
  const fileGlob = syntax === 'ai-txt' && glob && /\.[a-z0-9]+$/i.test(body);
  let source = glob && !body.startsWith('*') ? `/${body}` : body;
  let end: CompiledPattern['end'] = anchored ? 'exact' : fileGlob ? 'file' : 'prefix';
  let parts = source.split(/\*+/);
  let capped: CompiledPattern['capped'];
  if (source.length > MAX_PATTERN_LENGTH || parts.length - 1 > MAX_PATTERN_STARS) {
    capped = overCap;
    if (overCap === 'never') return { parts: [], tables: [], end, caseInsensitive: fileGlob, capped };
    source = source.slice(0, MAX_PATTERN_LENGTH);
    parts = source.split(/\*+/).slice(0, MAX_PATTERN_STARS + 1);
    end = 'prefix';
  }
  if (fileGlob) parts = parts.map((p) => p.toLowerCase());
  return { parts, tables: parts.map(kmpTable), end, caseInsensitive: fileGlob, ...(capped ? { capped } : {}) };
}

/** Whether the compiled pattern matches `path` (anchored at its start). O(path + pattern). */
export function matchCompiled(c: CompiledPattern, path: string): boolean {
  const { parts, tables } = c;
  if (parts.length === 0) return false;
  const s = c.caseInsensitive ? path.toLowerCase() : path;
  const first = parts[0]!;
  if (!s.startsWith(first)) return false;
  const atEnd = (e: number) => e === s.length || (c.end === 'file' && (s[e] === '?' || s[e] === '#'));
  if (parts.length === 1) return c.end === 'prefix' || atEnd(first.length);
  let pos = first.length;
  // Middle pieces: the leftmost occurrence of each is never worse for what follows (greedy is exact for `*` only).
  for (let i = 1; i < parts.length - 1; i++) {
    pos = findEnd(s, parts[i]!, tables[i]!, pos);
    if (pos < 0) return false;
  }
  const last = parts[parts.length - 1]!;
  const table = tables[parts.length - 1]!;
  if (c.end === 'prefix') return last === '' || findEnd(s, last, table, pos) >= 0;
  if (c.end === 'exact') return s.length - last.length >= pos && s.endsWith(last);
  return last === '' || kmpScan(s, last, table, pos, atEnd);
}

const cache = new Map<string, CompiledPattern>();

/** `compilePattern` with a bounded per-process cache (patterns come from a release's opt-out files). */
export function compiled(pattern: string, overCap: 'widen' | 'never' = 'widen', syntax: 'ai-txt' | 'robots' = 'ai-txt'): CompiledPattern {
  const key = `${overCap}\0${syntax}\0${pattern}`;
  let c = cache.get(key);
  if (!c) {
    if (cache.size >= 50_000) cache.clear();
    cache.set(key, (c = compilePattern(pattern, overCap, syntax)));
  }
  return c;
}

export function patternMatches(pattern: string, path: string, overCap: 'widen' | 'never' = 'widen'): boolean {
  return matchCompiled(compiled(pattern, overCap), path);
}

/** File-name glob (`*` any run, `?` one character), whole-name match; the classic two-pointer walk, O(name × pattern) at worst. */
export function globName(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
