// Reads one Python int or float literal (optional sign, underscores, 0x/0o/0b) exactly, or fails with the literal's position.
import type { Fail } from './python-string.js';

const NUMBER = /0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?/y;

/** The number at `start`; `skip` moves the parser past whitespace between a sign and its number (`- 1` is -1). */
export function readPythonNumber(text: string, start: number, fail: Fail, skip: (from: number) => number): { value: number; end: number } {
  let pos = start;
  const sign = text[pos] === '-' ? -1 : 1;
  if (text[pos] === '-' || text[pos] === '+') pos = skip(pos + 1);
  NUMBER.lastIndex = pos;
  const m = NUMBER.exec(text);
  if (!m) {
    const c = text.codePointAt(pos);
    return fail(`unexpected ${c === undefined ? 'end of input' : JSON.stringify(String.fromCodePoint(c))}, expected a number`, pos);
  }
  const end = pos + m[0].length;
  if (/[A-Za-z0-9_.]/.test(text[end] ?? '')) fail(`invalid number literal (${JSON.stringify(text.slice(start, end + 1))}; complex numbers are not supported)`, start);
  const lit = m[0].replace(/_/g, '');
  if (/^0[xob]/i.test(lit) || !/[.eE]/.test(lit)) {
    if (/^0\d*[1-9]/.test(lit)) fail('leading zeros in a decimal integer are not allowed', start);
    const big = BigInt(lit);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) fail(`integer ${m[0]} is too large to represent exactly`, start);
    return { value: big === 0n ? 0 : sign * Number(big), end };
  }
  const f = Number(lit);
  if (!Number.isFinite(f)) fail(`float ${m[0]} is out of range`, start);
  return { value: sign * f, end };
}
