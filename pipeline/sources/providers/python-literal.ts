// Strict, safe parser for Python literals (repr() output, what ast.literal_eval reads): nothing runs, errors carry a position.
import { readPythonNumber } from './python-number.js';
import { readPythonString, startsString } from './python-string.js';

export type PyValue = null | boolean | number | string | PyValue[] | PyDict;
/** A dict as a null-prototype object (so keys like "__proto__" are plain data); keys are strings or numbers in Python. */
export interface PyDict {
  [key: string]: PyValue;
}

export interface PythonLiteralLimits {
  /** Longest input accepted, in characters. */
  maxLength: number;
  /** Deepest nesting of lists, tuples, dicts and parentheses (CPython's parser stops at 200). */
  maxDepth: number;
}
const PYTHON_LITERAL_LIMITS: PythonLiteralLimits = { maxLength: 64 * 1024 * 1024, maxDepth: 200 };

export class PythonLiteralError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} at line ${line}, column ${column} (offset ${position})`);
    this.name = 'PythonLiteralError';
  }
}

export interface ParsedLiteral {
  value: PyValue;
  /** [start, end) of a list, tuple or dict of `value` in the source text. */
  spanOf(container: object): [number, number] | undefined;
}

const NAMES: Record<string, PyValue> = { None: null, True: true, False: false };
const WS = new Set([' ', '\t', '\n', '\r', '\f']);

export function parsePythonLiteral(text: string, limits: Partial<PythonLiteralLimits> = {}): PyValue {
  return parsePythonLiteralWithSpans(text, limits).value;
}

export function parsePythonLiteralWithSpans(text: string, limits: Partial<PythonLiteralLimits> = {}): ParsedLiteral {
  const p = new Parser(text, { ...PYTHON_LITERAL_LIMITS, ...limits });
  const value = p.document();
  return { value, spanOf: (c) => p.spans.get(c) };
}

class Parser {
  pos = 0;
  readonly spans = new WeakMap<object, [number, number]>();
  constructor(
    readonly text: string,
    readonly limits: PythonLiteralLimits,
  ) {}

  fail = (reason: string, at: number = this.pos): never => {
    const before = this.text.slice(0, at);
    const line = (before.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    throw new PythonLiteralError(reason, at, line, at - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')));
  };

  document(): PyValue {
    if (this.text.length > this.limits.maxLength) this.fail(`input of ${this.text.length} characters is over the limit of ${this.limits.maxLength}`, this.limits.maxLength);
    const nul = this.text.indexOf('\0');
    if (nul >= 0) this.fail('NUL character in the source', nul);
    this.skip();
    const start = this.pos;
    let value = this.value(0);
    this.skip();
    if (this.text[this.pos] === ',') value = this.sequence(start, [value], undefined, 0); // a bare tuple: `1, 2`
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the literal`);
    return value;
  }

  /** Skips whitespace, comments and backslash line continuations. */
  skip(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c !== undefined && WS.has(c)) this.pos++;
      else if (c === '#') while (this.pos < t.length && t[this.pos] !== '\n' && t[this.pos] !== '\r') this.pos++;
      else if (c === '\\' && (t[this.pos + 1] === '\n' || t[this.pos + 1] === '\r')) this.pos += 2;
      else return;
    }
  }

  describe(at = this.pos): string {
    const c = this.text.codePointAt(at);
    return c === undefined ? 'end of input' : JSON.stringify(String.fromCodePoint(c));
  }

  value(depth: number): PyValue {
    if (depth > this.limits.maxDepth) this.fail(`nesting deeper than ${this.limits.maxDepth} levels`);
    const c = this.text[this.pos];
    if (c === '[' || c === '(' || c === '{') return c === '{' ? this.dict(depth) : this.bracketed(depth);
    if (c !== undefined && startsString(this.text, this.pos)) return this.strings();
    if (c !== undefined && /[-+0-9.]/.test(c)) return this.number();
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 64))?.[0];
    if (name !== undefined && Object.hasOwn(NAMES, name)) {
      this.pos += name.length;
      return NAMES[name]!;
    }
    if (name !== undefined) this.fail(`unknown name ${JSON.stringify(name)} (only None, True and False are literals)`);
    return this.fail(`unexpected ${this.describe()}, expected a value`);
  }

  /** Adjacent string literals are one string, as in Python: 'a' "b" == 'ab'. */
  strings(): string {
    let out = '';
    do {
      const s = readPythonString(this.text, this.pos, this.fail);
      out += s.value;
      this.pos = s.end;
      this.skip();
    } while (startsString(this.text, this.pos));
    return out;
  }

  number(): number {
    const n = readPythonNumber(this.text, this.pos, this.fail, (from) => {
      this.pos = from;
      this.skip();
      return this.pos;
    });
    this.pos = n.end;
    return n.value;
  }

  /** `[…]` a list; `(…)` a tuple, or just the value inside for `(x)`. */
  bracketed(depth: number): PyValue {
    const start = this.pos;
    const close = this.text[this.pos] === '[' ? ']' : ')';
    this.pos++;
    this.skip();
    if (close === ')' && this.text[this.pos] !== ')') {
      const inner = this.value(depth + 1);
      this.skip();
      if (this.text[this.pos] === ')') {
        this.pos++;
        return inner; // parentheses only group
      }
      return this.sequence(start, [inner], ')', depth);
    }
    return this.sequence(start, [], close, depth);
  }

  /** The rest of a comma-separated sequence after `items` (trailing comma allowed), up to `close` or the end of input. */
  sequence(start: number, items: PyValue[], close: string | undefined, depth: number): PyValue[] {
    for (;;) {
      this.skip();
      const c = this.text[this.pos];
      if (close !== undefined && c === close) break;
      if (close === undefined && c === undefined) break;
      if (items.length > 0) {
        if (c !== ',') this.fail(`unexpected ${this.describe()}, expected "," or ${close ? JSON.stringify(close) : 'end of input'}`);
        this.pos++;
        this.skip();
        if ((close !== undefined && this.text[this.pos] === close) || (close === undefined && this.pos >= this.text.length)) break;
      }
      items.push(this.value(depth + 1));
    }
    if (close !== undefined) this.pos++;
    this.spans.set(items, [start, this.pos]);
    return items;
  }

  dict(depth: number): PyDict {
    const start = this.pos;
    const out: PyDict = Object.create(null) as PyDict;
    this.pos++;
    for (let first = true; ; first = false) {
      this.skip();
      if (this.text[this.pos] === '}') break;
      if (!first) {
        if (this.text[this.pos] !== ',') this.fail(`unexpected ${this.describe()}, expected "," or "}"`);
        this.pos++;
        this.skip();
        if (this.text[this.pos] === '}') break;
      }
      const keyAt = this.pos;
      const key = this.value(depth + 1);
      if (typeof key !== 'string' && typeof key !== 'number') this.fail('dict keys must be strings or numbers', keyAt);
      this.skip();
      if (this.text[this.pos] !== ':') this.fail(this.text[this.pos] === ',' || this.text[this.pos] === '}' ? 'sets are not supported' : `unexpected ${this.describe()}, expected ":"`);
      this.pos++;
      this.skip();
      const k = String(key);
      if (Object.hasOwn(out, k)) this.fail(`duplicate dict key ${JSON.stringify(k)}`, keyAt);
      out[k] = this.value(depth + 1);
    }
    this.pos++;
    this.spans.set(out, [start, this.pos]);
    return out;
  }
}
