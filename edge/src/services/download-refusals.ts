// The refusals of a download that the caller can act on: a price above the agreed maximum, a spent spending cap.
import type { Credential } from './download-context.js';
import { ApiError } from './errors.js';
import { secondsUntilNextMonth } from './months.js';
import { describeMicros } from './prices.js';

/** 409: the item costs more than a signed URL was issued for (`price_changed`) or than the caller's maxPriceMicros. */
export function priceRefusal(cred: Credential, priceMicros: number, maxPriceMicros: number): ApiError {
  if (!('apiKey' in cred)) {
    return new ApiError(
      409,
      'price_changed',
      `the item's price rose to ${describeMicros(priceMicros)} after this manifest was issued at ${describeMicros(maxPriceMicros)}; ` +
        'nothing was charged. Fetch a new manifest to accept the new price.',
    );
  }
  return new ApiError(
    409,
    'price_above_max',
    `the item costs ${describeMicros(priceMicros)}, more than your maxPriceMicros of ${describeMicros(maxPriceMicros)}; nothing was charged`,
  );
}

/** 402: this download would take the month's download charges past the account's spending cap. */
export function spendCapRefusal(o: { capMicros: number; spentMicros: number; costMicros: number; month: string }, now: Date): ApiError {
  return new ApiError(
    402,
    'spend_cap_reached',
    `this download (${describeMicros(o.costMicros)}) would take ${o.month}'s download charges (${describeMicros(o.spentMicros)} so far) ` +
      `past your monthly spending cap of ${describeMicros(o.capMicros)}; nothing was charged. Raise or remove the cap ` +
      '(PATCH /v1/account {"spendCapMicros": …}) or wait for the next month.',
    { 'Retry-After': String(secondsUntilNextMonth(now)) },
  );
}
