// Price bounds of the contract, in µ$: the most one download of an item may cost ($1,000), for releases and the edge alike.

/** The highest price of one download of an item (release prices, rights holders' prices at the edge). */
export const MAX_PRICE_MICROS = 1_000_000_000;

/** Why a stated price cannot be used, or undefined (absent, or a whole number of µ$ from 0 to MAX_PRICE_MICROS). */
export function priceProblem(what: string, value: number | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) return `${what} ${value} is not a whole number of µ$ ≥ 0`;
  if (value > MAX_PRICE_MICROS) return `${what} ${value} is over the limit of ${MAX_PRICE_MICROS} µ$ ($1,000) a download`;
  return undefined;
}
