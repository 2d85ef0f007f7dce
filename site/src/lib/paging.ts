// Splits an ordered list into gallery pages of PAGE_SIZE (at least one page, even when empty).
import { PAGE_SIZE } from './config.js';

export interface Page<T> {
  current: number;
  last: number;
  items: T[];
}

export function pagesOf<T>(items: T[], size = PAGE_SIZE): Page<T>[] {
  const last = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: last }, (_, i) => ({ current: i + 1, last, items: items.slice(i * size, (i + 1) * size) }));
}
