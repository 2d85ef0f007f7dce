// Calendar-month helpers (UTC): the billing month of an instant and the seconds until the next one.
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function nextMonthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

export function secondsUntilNextMonth(date: Date): number {
  return Math.max(1, Math.ceil((nextMonthStart(date).getTime() - date.getTime()) / 1000));
}

/** Bounds [start, end) of a 'YYYY-MM' month as ISO strings. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1, 1));
  return { start: start.toISOString(), end: nextMonthStart(start).toISOString() };
}
