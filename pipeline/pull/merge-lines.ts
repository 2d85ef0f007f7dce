// Merges exported lines into a release's JSON Lines file: every existing line kept as it is, new lines appended once.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { parseJsonLinesStrict } from '../util/jsonl-strict.js';

/** JSON with object keys sorted: two lines that say the same thing compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface Merged {
  /** The file's new text (existing lines verbatim, then the new ones). */
  text: string;
  /** Lines in the file after the merge, and how many of them are new. */
  total: number;
  added: number;
  /** True when the file must be written: it is missing, or has new lines (an unchanged file keeps its mtime, so the
   *  build's up-to-date check stays valid). */
  changed: boolean;
}

/** Reads `path` (absent = empty), checks every line against `schema` (a bad line stops the pull: it never drops a line),
 *  and appends each exported line that is not there yet. */
export async function mergeLines<T>(path: string, label: string, schema: z.ZodType<T>, exported: readonly T[]): Promise<Merged> {
  const exists = existsSync(path);
  const before = exists ? await readFile(path, 'utf8') : '';
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const { raw, value } of parseJsonLinesStrict(before, schema, label, '; fix or remove that line and pull again (pull never drops a line)')) {
    kept.push(raw);
    seen.add(canonical(value));
  }
  let added = 0;
  for (const line of exported) {
    const key = canonical(line);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(JSON.stringify(line));
    added++;
  }
  const text = kept.length ? `${kept.join('\n')}\n` : '';
  return { text, total: kept.length, added, changed: !exists || added > 0 };
}
