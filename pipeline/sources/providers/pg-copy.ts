// PostgreSQL COPY text format (what the Openverse catalog's TSV files are): fields split on tabs, \N is NULL, backslash escapes.

const SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
/** A run of byte escapes (\ooo octal, \xhh hex): the bytes are UTF-8, as the server's encoding. */
const BYTES = /(?:\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}))+/y;

/** The fields of one line (without its newline): strings, or null for `\N`. */
export function copyFields(line: string): (string | null)[] {
  return line.split('\t').map((f) => (f === '\\N' ? null : unescapeCopy(f)));
}

/** Decodes COPY text escapes: \\b \\f \\n \\r \\t \\v, octal and hex bytes; any other backslash-character is that character. */
function unescapeCopy(field: string): string {
  if (!field.includes('\\')) return field;
  let out = '';
  let i = 0;
  while (i < field.length) {
    const c = field[i]!;
    if (c !== '\\' || i + 1 >= field.length) {
      out += c;
      i++;
      continue;
    }
    BYTES.lastIndex = i;
    const run = BYTES.exec(field);
    if (run) {
      const bytes = run[0].split('\\').slice(1).map((e) => (e[0] === 'x' ? parseInt(e.slice(1), 16) : parseInt(e, 8) & 0xff));
      out += Buffer.from(bytes).toString('utf8');
      i += run[0].length;
      continue;
    }
    const next = field[i + 1]!;
    out += SIMPLE[next] ?? next;
    i += 2;
  }
  return out;
}
