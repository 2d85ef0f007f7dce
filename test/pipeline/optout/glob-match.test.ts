// The linear glob matcher agrees with the RegExp translation it replaced on random small inputs, and stays fast on hostile ones.
import { describe, expect, it } from 'vitest';
import { compilePattern, globName, matchCompiled, MAX_PATTERN_LENGTH, MAX_PATTERN_STARS, patternMatches } from '../../../pipeline/optout/glob-match.js';
import { prng } from '../../../pipeline/util/prng.js';

/** The former implementation (robots-txt.ts patternRegExp), kept here only as the reference for small inputs. */
function referenceRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const glob = !body.startsWith('/');
  const source = (glob && !body.startsWith('*') ? '/' + body : body)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const fileGlob = glob && /\.[a-z0-9]+$/i.test(body);
  const tail = anchored ? '$' : fileGlob ? '(?:$|[?#])' : '';
  return new RegExp(`^${source}${tail}`, fileGlob ? 'i' : '');
}

describe('glob-match', () => {
  it('agrees with the RegExp semantics on 20,000 random pattern/path pairs', () => {
    const r = prng(15);
    const alphabet = ['/', 'a', 'b', 'A', '.', 'png', 'PNG', '?', '#', '$', '*', 'x=1'];
    const pick = (n: number, extra: string[] = []) =>
      Array.from({ length: Math.floor(r() * n) }, () => [...alphabet, ...extra][Math.floor(r() * (alphabet.length + extra.length))]).join('');
    let matched = 0;
    const disagreements: { pattern: string; path: string; m: boolean; expected: boolean }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const pattern = (r() < 0.5 ? '/' : '') + pick(7) + (r() < 0.3 ? '$' : r() < 0.3 ? '.png' : '');
      const path = '/' + pick(10).replace(/[*$]/g, 'c');
      const expected = referenceRegExp(pattern).test(path);
      if (expected) matched++;
      const m = patternMatches(pattern, path);
      if (m !== expected) disagreements.push({ pattern, path, m, expected });
    }
    // one assertion over all pairs (an expect per pair cost ~0.8 CPU-s): every disagreement is listed
    expect(disagreements).toEqual([]);
    expect(matched).toBeGreaterThan(1000); // the sample exercises matches, not only misses
  });

  it('RFC 9309 examples: * spans, $ anchors, prefix otherwise', () => {
    expect(patternMatches('/fish*', '/fish.html')).toBe(true);
    expect(patternMatches('/fish*', '/Fish.asp')).toBe(false);
    expect(patternMatches('/*.php$', '/folder/filename.php')).toBe(true);
    expect(patternMatches('/*.php$', '/filename.php?parameters')).toBe(false);
    expect(patternMatches('/fish*.php', '/fish.php?id=anything')).toBe(true);
    expect(patternMatches('*.JPG', '/a/b.jpg?w=1')).toBe(true);
    expect(patternMatches('*.jpg', '/a.jpgx')).toBe(false);
  });

  it('caps: an over-long or over-starred pattern is cut to a prefix (widen) or matches nothing (never)', () => {
    const long = `/private/${'x'.repeat(MAX_PATTERN_LENGTH)}`;
    expect(compilePattern(long, 'widen').capped).toBe('widen');
    expect(patternMatches(long, `/private/${'x'.repeat(MAX_PATTERN_LENGTH + 5)}`, 'widen')).toBe(true);
    expect(patternMatches(long, '/private/x', 'widen')).toBe(false);
    expect(patternMatches(long, long, 'never')).toBe(false);
    const stars = `/a${'*b'.repeat(MAX_PATTERN_STARS + 5)}$`;
    const c = compilePattern(stars, 'widen');
    expect([c.capped, c.parts.length, c.end]).toEqual(['widen', MAX_PATTERN_STARS + 1, 'prefix']);
    expect(matchCompiled(c, `/a${'b'.repeat(MAX_PATTERN_STARS)}`)).toBe(true);
  });

  it('file-name globs: * and ? over whole names', () => {
    expect(globName('items-*.jsonl', 'items-01.jsonl')).toBe(true);
    expect(globName('items-?.jsonl', 'items-01.jsonl')).toBe(false);
    expect(globName('*', '')).toBe(true);
    expect(globName('a*b*c', 'axxbyyc')).toBe(true);
    expect(globName('a*b*c', 'axxbyy')).toBe(false);
    expect(globName(`${'*a'.repeat(40)}b`, 'a'.repeat(255))).toBe(false);
  });
});
