// Search text → an FTS5 MATCH expression: words (letters, digits) quoted, all required; `word*` matches a prefix.
import { badRequest } from './errors.js';

export const MAX_WORDS = 16;

/** Never passes the user's syntax through: operators, quotes and column filters become plain words or go. */
export function ftsMatch(q: string): string {
  const words = q.normalize('NFKC').match(/[\p{L}\p{N}\p{M}]+\*?/gu) ?? [];
  if (!words.length) throw badRequest('q: give at least one word (letters or digits)');
  if (words.length > MAX_WORDS) throw badRequest(`q: at most ${MAX_WORDS} words`);
  return words.map((w) => (w.endsWith('*') ? `"${w.slice(0, -1)}"*` : `"${w}"`)).join(' ');
}
