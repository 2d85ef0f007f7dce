// Finds the exact source text of values inside a JSON document, so each record's SHA-256 covers its original bytes.

export type JsonPath = readonly (string | number)[];

/** Returns [start, end) of the value at `path` in `text` (valid JSON), or undefined when the path is absent. */
export function spanAt(text: string, path: JsonPath): [number, number] | undefined {
  let pos = skipWs(text, 0);
  for (const key of path) {
    const c = text[pos];
    if (c === '{') {
      pos = skipWs(text, pos + 1);
      let found = false;
      while (text[pos] !== '}') {
        const keyEnd = endOfValue(text, pos);
        const k = JSON.parse(text.slice(pos, keyEnd)) as string;
        pos = skipWs(text, skipWs(text, keyEnd) + 1); // past ':'
        if (k === String(key)) {
          found = true;
          break;
        }
        pos = skipWs(text, endOfValue(text, pos));
        if (text[pos] === ',') pos = skipWs(text, pos + 1);
      }
      if (!found) return undefined;
    } else if (c === '[') {
      if (typeof key !== 'number') return undefined;
      pos = skipWs(text, pos + 1);
      for (let i = 0; i < key; i++) {
        if (text[pos] === ']') return undefined;
        pos = skipWs(text, endOfValue(text, pos));
        if (text[pos] === ',') pos = skipWs(text, pos + 1);
      }
      if (text[pos] === ']') return undefined;
    } else return undefined;
  }
  return [pos, endOfValue(text, pos)];
}

/** [start, end) of every child of the object or array at `path`, keyed by property name or index (one pass). */
export function childSpans(text: string, path: JsonPath): Map<string | number, [number, number]> {
  const out = new Map<string | number, [number, number]>();
  const at = spanAt(text, path);
  if (!at) return out;
  let pos = at[0];
  const isObject = text[pos] === '{';
  if (!isObject && text[pos] !== '[') return out;
  pos = skipWs(text, pos + 1);
  for (let i = 0; text[pos] !== '}' && text[pos] !== ']' && pos < at[1]; i++) {
    let key: string | number = i;
    if (isObject) {
      const keyEnd = endOfValue(text, pos);
      key = JSON.parse(text.slice(pos, keyEnd)) as string;
      pos = skipWs(text, skipWs(text, keyEnd) + 1);
    }
    const end = endOfValue(text, pos);
    out.set(key, [pos, end]);
    pos = skipWs(text, end);
    if (text[pos] === ',') pos = skipWs(text, pos + 1);
  }
  return out;
}

function skipWs(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\n' || text[pos] === '\r' || text[pos] === '\t')) pos++;
  return pos;
}

/** End (exclusive) of the JSON value starting at `pos`. */
function endOfValue(text: string, pos: number): number {
  const c = text[pos];
  if (c === '"') {
    let i = pos + 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    return i + 1;
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let i = pos; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') i = endOfValue(text, i) - 1;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = pos;
  while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i++;
  return i;
}
