// Splits an ordered list into gallery pages (at least one page, even when empty).
import { pageSize } from '../../../pipeline/util/config.js';

export interface Page<T> {
  current: number;
  last: number;
  items: T[];
}

/** `size`: cards per page, by default CLEARANCE_PAGE_SIZE (48), read at each call so that one process can build sites of
 *  different page sizes. */
export function pagesOf<T>(items: T[], size = pageSize()): Page<T>[] {
  const last = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: last }, (_, i) => ({ current: i + 1, last, items: items.slice(i * size, (i + 1) * size) }));
}
