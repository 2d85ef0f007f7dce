// The money rules (rounding to cents, months) and which plan billed a month, as plain functions.
import { describe, expect, it } from 'vitest';
import { chargeMinor, nextMonth, payoutMinor, previousMonth } from '../../../edge/src/services/billing-money.js';
import { planOfMonth } from '../../../edge/src/services/plan-of-month.js';

describe('money', () => {
  it('charges round half up to the cent; payouts round down', () => {
    expect([0, 4_999, 5_000, 5_001, 10_000, 15_000, 10_000_000, 10_004_999, 10_005_000].map(chargeMinor)).toEqual([0, 0, 1, 1, 1, 2, 1000, 1000, 1001]);
    expect([0, 9_999, 10_000, 19_999, 12_345_678].map(payoutMinor)).toEqual([0, 0, 1, 1, 1234]);
    expect(() => chargeMinor(-1)).toThrow(RangeError);
    expect(() => payoutMinor(1.5)).toThrow(RangeError);
  });

  it('steps months across years', () => {
    expect([previousMonth('2027-01'), nextMonth('2026-12'), previousMonth('2026-03'), nextMonth('2026-09')]).toEqual(['2026-12', '2027-01', '2026-02', '2026-10']);
  });
});

describe('planOfMonth', () => {
  const c = (effectiveMonth: string, fromPlan: string, toPlan: string, at = `${effectiveMonth}-01T00:15:00Z`) => ({ effectiveMonth, fromPlan, toPlan, at });
  it('is the account plan when nothing changed', () => expect(planOfMonth([], '2026-10', 'payg')).toBe('payg'));
  it('is the plan a later change left', () => expect(planOfMonth([c('2026-11', 'payg', 'curation')], '2026-10', 'curation')).toBe('payg'));
  it('is the last change applied from that month or before', () => {
    const log = [c('2026-11', 'payg', 'curation'), c('2027-02', 'curation', 'payg')];
    expect(['2026-10', '2026-11', '2027-01', '2027-02', '2027-05'].map((m) => planOfMonth(log, m, 'payg'))).toEqual(['payg', 'curation', 'curation', 'payg', 'payg']);
  });
  it('takes the later of two changes in one month (an admin changed it twice)', () => {
    expect(planOfMonth([c('2026-11', 'payg', 'curation', '2026-11-03T00:00:00Z'), c('2026-11', 'curation', 'team', '2026-11-20T00:00:00Z')], '2026-11', 'x')).toBe('team');
  });
});
