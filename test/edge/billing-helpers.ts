// Billing test helpers: charge downloads in a chosen month through the real charge batch, date accounts back to before
// a test month, close a month through the admin API.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { chargeDownload } from '../../edge/src/services/downloads.js';
import { ADMIN, call } from './helpers.js';

/** Charges (or repeats) a download at a given time, as GET /v1/items/{id}/download would have then. */
export async function chargeAt(key: string, itemId: string, at: string) {
  return chargeDownload(env.DB, { apiKey: key }, itemId, crypto.randomUUID(), new Date(at));
}

/** Accounts opened before the test months (an account is invoiced from the month it was opened). */
export async function openedIn2024(...ids: string[]) {
  for (const id of ids) await env.DB.prepare(`UPDATE accounts SET created_at = '2024-12-01T00:00:00.000Z' WHERE id = ?`).bind(id).run();
}

export interface CloseSummary {
  month: string; closedAt: string; firstClose: boolean;
  invoices: { count: number; written: number; sent: number; failed: number };
  payouts: { count: number; written: number; transferred: number; failed: number };
  planChangesApplied: number;
  reconciliation: {
    ledger: { downloads: number; feesMicros: number; pricesMicros: number; unattributedPricesMicros: number };
    invoices: { count: number; planFeesMicros: number; feesMicros: number; pricesMicros: number; totalMicros: number; totalMinor: number };
    payouts: { count: number; earnedMicros: number; platformFeesMicros: number; paidMicros: number; carriedOutMicros: number };
    invoicesMatch: boolean; payoutsMatch: boolean;
  };
}

export async function closeMonthApi(month: string, fetcher: typeof call = call): Promise<CloseSummary> {
  const res = await fetcher('/v1/admin/billing/close', { method: 'POST', key: ADMIN, json: { month } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as CloseSummary;
}

export const exportMonth = async (month: string, query = '', fetcher: typeof call = call) => {
  const res = await fetcher(`/v1/admin/billing/${month}${query}`, { key: ADMIN });
  expect(res.status).toBe(200);
  return res.text();
};
