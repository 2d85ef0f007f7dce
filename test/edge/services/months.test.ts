// Unit tests of the billing-month helpers (UTC), including year ends and leap days.
import { describe, expect, it } from 'vitest';
import { monthBounds, monthOf, secondsUntilNextMonth } from '../../../edge/src/services/months.js';

describe('months', () => {
  it('names the UTC month of an instant', () => {
    expect(monthOf(new Date('2026-11-30T23:59:59Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12');
  });

  it('counts seconds until the month turns (Retry-After)', () => {
    expect(secondsUntilNextMonth(new Date('2026-11-30T23:59:00Z'))).toBe(60);
    expect(secondsUntilNextMonth(new Date('2026-12-31T23:00:00Z'))).toBe(3600);
    expect(secondsUntilNextMonth(new Date('2028-02-28T00:00:00Z'))).toBe(2 * 86400);
    expect(secondsUntilNextMonth(new Date('2026-11-30T23:59:59.900Z'))).toBe(1);
  });

  it('bounds a month', () => {
    expect(monthBounds('2026-12')).toEqual({ start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' });
  });
});
