// Python-literal parser: values as ast.literal_eval reads them; malformed, unsafe, huge or deep input → an error with a position.
import { describe, expect, test } from 'vitest';
import { parsePythonLiteral, parsePythonLiteralWithSpans, PythonLiteralError, type PyValue } from '../../../../pipeline/sources/providers/python-literal.js';

const parse = (s: string): PyValue => parsePythonLiteral(s);
/** The error a source raises, or undefined. */
function errorOf(s: string, limits?: Parameters<typeof parsePythonLiteral>[1]): PythonLiteralError | undefined {
  try {
    parsePythonLiteral(s, limits);
  } catch (e) {
    if (e instanceof PythonLiteralError) return e;
    throw e;
  }
  return undefined;
}

describe('python literal: values', () => {
  test.each<[string, PyValue]>([
    ['None', null],
    ['True', true],
    ['False', false],
    ['0', 0],
    ['00', 0],
    ['-0', 0],
    ['42', 42],
    ['-42', -42],
    ['+7', 7],
    ['- 3', -3],
    ['1_000_000', 1_000_000],
    ['0x1F', 31],
    ['0o17', 15],
    ['0b101', 5],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.e3', 1000],
    ['-2.5E-3', -0.0025],
    ['9007199254740991', Number.MAX_SAFE_INTEGER],
    ["'a'", 'a'],
    ['"a"', 'a'],
    ['""', ''],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["\"it's\"", "it's"],
    ["'a' \"b\" 'c'", 'abc'],
    ["u'x'", 'x'],
    ["'''multi\nline'''", 'multi\nline'],
    ['"""a "quoted" word"""', 'a "quoted" word'],
    ["'''a\r\nb'''", 'a\nb'],
  ])('%s', (src, value) => {
    expect(parse(src)).toEqual(value);
  });

  test('escapes: simple, octal, hex, \\u, \\U, line continuation, unknown kept', () => {
    expect(parse(String.raw`'\\ \n \t \r \a \b \f \v \0 \101 \x41 \u00e9 \U0001F600'`)).toBe('\\ \n \t \r \x07 \b \f \v \0 A A é 😀');
    expect(parse("'ab\\\ncd'")).toBe('abcd');
    expect(parse(String.raw`'\d\w'`)).toBe('\\d\\w');
    expect(parse(String.raw`'\ud83d\ude00'`)).toBe('😀');
  });

  test('raw strings keep backslashes, including before a quote', () => {
    expect(parse(String.raw`r'C:\new\table'`)).toBe('C:\\new\\table');
    expect(parse(String.raw`R"a\"b"`)).toBe('a\\"b');
  });

  test('unicode in the source is kept as is (BMP, astral, combining)', () => {
    expect(parse("['Fernández', '日本語', '🦋', 'e\u0301']")).toEqual(['Fernández', '日本語', '🦋', 'e\u0301']);
  });

  test('lists, tuples, dicts, nesting, trailing commas, comments, whitespace', () => {
    expect(parse('[1, (2, 3), {"k": [None, True]}, ()]')).toEqual([1, [2, 3], { k: [null, true] }, []]);
    expect(parse('(1,)')).toEqual([1]);
    expect(parse('(1)')).toBe(1);
    expect(parse('((((1,),),),)')).toEqual([[[[1]]]]);
    expect(parse('[1, 2,]')).toEqual([1, 2]);
    expect(parse("{'a': 1, 'b': 2,}")).toEqual({ a: 1, b: 2 });
    expect(parse('1, 2')).toEqual([1, 2]);
    expect(parse('[\n  1,  # one\n  2\t,\\\n 3\n]\n')).toEqual([1, 2, 3]);
    expect(parse('{1: "int key", 2.5: "float key"}')).toEqual({ '1': 'int key', '2.5': 'float key' });
    expect(parse('[{}, [], ()]')).toEqual([{}, [], []]);
  });

  test('dicts are null-prototype data: "__proto__" is an ordinary key', () => {
    const d = parse("{'__proto__': {'polluted': 1}, 'constructor': 2}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('spans give the exact source text of each container', () => {
    const src = "[([{'a': 1}, {'b': (2, 3)}],)]";
    const { value, spanOf } = parsePythonLiteralWithSpans(src);
    const rows = (value as PyValue[][])[0]![0] as PyValue[];
    expect(rows.map((r) => src.slice(...spanOf(r as object)!))).toEqual(["{'a': 1}", "{'b': (2, 3)}"]);
    expect(spanOf(value as object)).toEqual([0, src.length]);
  });
});

describe('python literal: errors carry a position', () => {
  test.each<[string, RegExp, number, number]>([
    ['', /expected a value/, 1, 1],
    ['[1, 2', /expected "," or "\]"/, 1, 6],
    ['[1 2]', /expected "," or "\]"/, 1, 4],
    ['[1,\n 2,\n x]', /unknown name "x"/, 3, 2],
    ["{'a' 1}", /expected ":"/, 1, 6],
    ["{'a': 1 'b': 2}", /expected "," or "}"/, 1, 9],
    ['{1, 2}', /sets are not supported/, 1, 3],
    ["{(1, 2): 'tuple key'}", /dict keys must be strings or numbers/, 1, 2],
    ["{None: 1}", /dict keys must be strings or numbers/, 1, 2],
    ["{'a': 1, 'a': 2}", /duplicate dict key "a"/, 1, 10],
    ["{1: 'x', '1': 'y'}", /duplicate dict key "1"/, 1, 10],
    ["'abc", /unterminated string/, 1, 1],
    ["'ab\ncd'", /newline inside a single-quoted string/, 1, 1],
    ["'''abc''", /unterminated string/, 1, 1],
    ["b'bytes'", /bytes literals are not supported/, 1, 1],
    ["f'{x}'", /f-strings are not literals/, 1, 1],
    ["ur'x'", /invalid string prefix/, 1, 1],
    [String.raw`'\x4'`, /truncated \\x escape/, 1, 2],
    [String.raw`'\u12'`, /truncated \\u escape/, 1, 2],
    [String.raw`'\U00110000'`, /beyond U\+10FFFF/, 1, 2],
    [String.raw`'\N{BULLET}'`, /\\N\{name\} escapes are not supported/, 1, 2],
    ['007', /leading zeros/, 1, 1],
    ['1j', /complex numbers are not supported/, 1, 1],
    ['1.2.3', /invalid number literal/, 1, 1],
    ['--1', /expected a number/, 1, 2],
    ['-True', /expected a number/, 1, 2],
    ['9007199254740993', /too large to represent exactly/, 1, 1],
    ['1e999', /out of range/, 1, 1],
    ['null', /unknown name "null"/, 1, 1],
    ['inf', /unknown name "inf"/, 1, 1],
    ["__import__('os')", /unknown name "__import__"/, 1, 1],
    ['[1] [2]', /unexpected "\[" after the literal/, 1, 5],
    ['1,,', /expected a value/, 1, 3],
    ['{**a}', /expected a value/, 1, 2],
    ['[1, 2]\0', /NUL character/, 1, 7],
    ['[1, …]', /unexpected "…", expected a value/, 1, 5],
  ])('%j → %s at line %i, column %i', (src, message, line, column) => {
    const e = errorOf(src);
    expect(e, src).toBeInstanceOf(PythonLiteralError);
    expect(e!.message).toMatch(message);
    expect([e!.line, e!.column]).toEqual([line, column]);
    expect(e!.message).toContain(`line ${line}, column ${column} (offset ${e!.position})`);
  });
});

describe('python literal: bounded', () => {
  test('nesting beyond the limit is an error, not a stack overflow (default 200)', () => {
    expect(parse(`${'['.repeat(200)}${']'.repeat(200)}`)).toBeDefined();
    for (const open of ['[', '(', '{"k": ']) {
      const e = errorOf(open.repeat(100_000));
      expect(e?.message).toMatch(/nesting deeper than 200 levels/);
    }
    expect(errorOf('[[[[1]]]]', { maxDepth: 2 })?.message).toMatch(/nesting deeper than 2 levels at line 1, column 4/);
  });

  test('input over the length limit is refused before parsing', () => {
    const e = errorOf(`[${'1, '.repeat(100)}]`, { maxLength: 50 });
    expect(e?.message).toMatch(/input of 302 characters is over the limit of 50/);
    expect(e?.position).toBe(50);
  });

  test('a large flat literal parses in linear time', () => {
    const n = 200_000;
    const src = `[${Array.from({ length: n }, (_, i) => `{'id': ${i}, 's': 'x\\n${i}'}`).join(', ')}]`;
    const t0 = performance.now();
    const v = parse(src) as { id: number; s: string }[];
    expect(v).toHaveLength(n);
    expect(v[n - 1]).toEqual({ id: n - 1, s: `x\n${n - 1}` });
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
