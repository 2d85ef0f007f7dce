// Opaque paging cursors: a short tuple of strings (e.g. [time, id]) as base64url JSON; anything else is a 400.
import { base64url } from './crypto.js';
import { badRequest } from './errors.js';

export const encodeCursor = (values: string[]): string => base64url(new TextEncoder().encode(JSON.stringify(values)));

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const bytes = Uint8Array.from(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')), (ch) => ch.charCodeAt(0));
    const v = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    if (Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    /* falls through */
  }
  throw badRequest('invalid cursor');
}
