// Which plan billed a month, from the log of applied plan changes (pure: shared by invoices and their tests).

/**
 * The plan that billed a month: the last change applied from that month or before, else (changes came later) the plan
 * the first later change left, else the account's plan now.
 */
export function planOfMonth(applied: readonly { effectiveMonth: string; fromPlan: string; toPlan: string; at: string }[], month: string, current: string): string {
  const sorted = [...applied].sort((a, b) => a.effectiveMonth.localeCompare(b.effectiveMonth) || a.at.localeCompare(b.at));
  let plan: string | null = null;
  for (const c of sorted) if (c.effectiveMonth <= month) plan = c.toPlan;
  if (plan !== null) return plan;
  const later = sorted.find((c) => c.effectiveMonth > month);
  return later ? later.fromPlan : current;
}
