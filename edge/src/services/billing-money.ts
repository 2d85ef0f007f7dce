// Money rules of invoices and payouts: µ$ are exact; cents (the currency's minor unit) come from them by one rule each.

/** Invoices and payouts are in US dollars; Stripe's minor unit for USD is the cent. */
export const CURRENCY = 'usd';
/** µ$ in one cent. */
export const MICROS_PER_MINOR = 10_000;

/**
 * An amount to charge, in cents: µ$ rounded half up (0.5 cent and more → the next cent). Invoices round twice, no more:
 * the plan fee and the usage (fees + prices) each, so what a provider collects equals the invoice's total in cents.
 */
export function chargeMinor(micros: number): number {
  if (!Number.isSafeInteger(micros) || micros < 0) throw new RangeError(`not a charge in µ$: ${micros}`);
  return Math.floor((micros + MICROS_PER_MINOR / 2) / MICROS_PER_MINOR);
}

/** An amount to pay out, in cents: µ$ rounded down; the µ$ left over stay in the holder's balance for next month. */
export function payoutMinor(micros: number): number {
  if (!Number.isSafeInteger(micros) || micros < 0) throw new RangeError(`not a payout in µ$: ${micros}`);
  return Math.floor(micros / MICROS_PER_MINOR);
}

/** The month before a YYYY-MM month, and the one after. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}
