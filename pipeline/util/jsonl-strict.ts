// Strict JSON Lines: every non-blank line must be JSON that the schema accepts, else the whole read fails with file:line.
import type { z } from 'zod';
import { CliError } from './cli-error.js';

export interface StrictLine<T> {
  /** 1-based line number in the text. */
  line: number;
  raw: string;
  value: T;
}

/**
 * Parses `text` line by line against `schema`; a line that is not JSON, or that the schema refuses, throws a CliError
 * `<file>:<line>: <why><hint>` (files a run must read whole: a withdrawal or a moderator's decision is never skipped).
 */
export function parseJsonLinesStrict<T>(text: string, schema: z.ZodType<T>, file: string, hint = ''): StrictLine<T>[] {
  const out: StrictLine<T>[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new CliError(`${file}:${i + 1}: not JSON${hint}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const why = parsed.error.issues.map((x) => (x.path.length ? `${x.path.join('.')}: ${x.message}` : x.message)).join('; ');
      throw new CliError(`${file}:${i + 1}: ${why}${hint}`);
    }
    out.push({ line: i + 1, raw, value: parsed.data });
  });
  return out;
}
