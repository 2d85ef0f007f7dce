// Gallery paging: at least one page, the size given or CLEARANCE_PAGE_SIZE read at each call (one process, many sites).
import { afterEach, describe, expect, it } from 'vitest';
import { pagesOf } from '../../../site/src/lib/paging.js';

const saved = process.env.CLEARANCE_PAGE_SIZE;
afterEach(() => {
  if (saved === undefined) delete process.env.CLEARANCE_PAGE_SIZE;
  else process.env.CLEARANCE_PAGE_SIZE = saved;
});

describe('pagesOf', () => {
  it('splits in order into pages of the given size, and gives one empty page for no items', () => {
    const pages = pagesOf([1, 2, 3, 4, 5], 2);
    expect(pages.map((p) => p.items)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages.map((p) => [p.current, p.last])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(pagesOf([], 2)).toEqual([{ current: 1, last: 1, items: [] }]);
  });

  it('reads CLEARANCE_PAGE_SIZE when called, 48 without it', () => {
    delete process.env.CLEARANCE_PAGE_SIZE;
    expect(pagesOf(Array.from({ length: 49 }, (_, i) => i)).length).toBe(2);
    process.env.CLEARANCE_PAGE_SIZE = '10';
    expect(pagesOf(Array.from({ length: 49 }, (_, i) => i)).length).toBe(5);
  });
});
