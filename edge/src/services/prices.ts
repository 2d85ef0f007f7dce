// Price limits shared by every input that names a price: rights holders' prices, maximum prices of downloads.

/** The most one download of an item may cost (its price, µ$): $1,000 — the contract's bound, shared with releases. */
export { MAX_PRICE_MICROS } from '../../../pipeline/catalog/prices.js';

/** The flat fee every charged download pays on top of the item's price, µ$. */
export const FEE_MICROS = 1000;

/** The highest monthly spending cap an account may set, µ$ ($1,000,000). */
export const MAX_SPEND_CAP_MICROS = 1_000_000_000_000;

/** Micro-dollars for messages: "1500 µ$ ($0.0015)", "250000000 µ$ ($250.00)". */
export function describeMicros(micros: number): string {
  const d = (micros / 1_000_000).toFixed(6).replace(/0{1,4}$/, '');
  return `${micros} µ$ ($${d})`;
}
