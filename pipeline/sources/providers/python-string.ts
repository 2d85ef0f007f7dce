// Reads one Python string literal (prefix, quotes, escapes) from source text; bytes and f-strings are refused.

/** Reports an error at a position of the source text (never returns). */
export type Fail = (message: string, at: number) => never;

const SIMPLE: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const HEX = /^[0-9a-fA-F]+$/;

/** True when a string literal (with an optional prefix such as r, u, b, f) starts at `pos`. */
export function startsString(text: string, pos: number): boolean {
  const m = /^[a-zA-Z]{0,2}['"]/.exec(text.slice(pos, pos + 3));
  return m !== null;
}

/** Reads the literal at `start`; returns its value and the position just after its closing quote. */
export function readPythonString(text: string, start: number, fail: Fail): { value: string; end: number } {
  let i = start;
  while (i < text.length && /[a-zA-Z]/.test(text[i]!)) i++;
  const prefix = text.slice(start, i).toLowerCase();
  if (prefix.includes('b')) fail('bytes literals are not supported', start);
  if (prefix.includes('f')) fail('f-strings are not literals', start);
  if (!['', 'r', 'u'].includes(prefix)) fail(`invalid string prefix ${JSON.stringify(text.slice(start, i))}`, start);
  const raw = prefix === 'r';
  const q = text[i]!;
  const triple = text.startsWith(q.repeat(3), i);
  i += triple ? 3 : 1;
  let out = '';
  let chunk = i;
  const flush = (to: number): void => {
    const s = text.slice(chunk, to);
    out += triple ? s.replace(/\r\n?/g, '\n') : s;
  };
  for (;;) {
    if (i >= text.length) fail('unterminated string literal', start);
    const c = text[i]!;
    if (c === q && (!triple || text.startsWith(q.repeat(3), i))) {
      flush(i);
      return { value: out, end: i + (triple ? 3 : 1) };
    }
    if (c === '\n' || c === '\r') {
      if (!triple) fail('unterminated string literal (a newline inside a single-quoted string)', start);
      i++;
    } else if (c !== '\\') i++;
    else if (raw) {
      if (i + 1 >= text.length) fail('unterminated string literal', start);
      i += 2; // a raw string keeps the backslash and the character after it
    } else {
      flush(i);
      const e = readEscape(text, i, fail);
      out += e.value;
      i = chunk = e.end;
    }
  }
}

/** One backslash escape of a non-raw string at `pos` (which holds the backslash). */
function readEscape(text: string, pos: number, fail: Fail): { value: string; end: number } {
  const c = text[pos + 1];
  if (c === undefined) fail('unterminated string literal', pos);
  if (c === '\n') return { value: '', end: pos + 2 };
  if (c === '\r') return { value: '', end: text[pos + 2] === '\n' ? pos + 3 : pos + 2 };
  if (SIMPLE[c] !== undefined) return { value: SIMPLE[c], end: pos + 2 };
  const oct = /^[0-7]{1,3}/.exec(text.slice(pos + 1, pos + 4));
  if (oct) return { value: String.fromCharCode(parseInt(oct[0], 8)), end: pos + 1 + oct[0].length };
  const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (width) {
    const digits = text.slice(pos + 2, pos + 2 + width);
    if (digits.length < width || !HEX.test(digits)) fail(`truncated \\${c} escape (needs ${width} hex digits)`, pos);
    const code = parseInt(digits, 16);
    if (code > 0x10ffff) fail(`\\U escape beyond U+10FFFF`, pos);
    return { value: code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code), end: pos + 2 + width };
  }
  if (c === 'N') fail('\\N{name} escapes are not supported', pos);
  return { value: `\\${c}`, end: pos + 2 }; // Python keeps unknown escapes as written
}
