// Metering: one atomic D1 batch charges a download once per account, item and month within the plan's quota.
import type { Caller } from '../env.js';
import { monthOf } from './months.js';

export const FEE_MICROS = 1000;

export type ChargeOutcome =
  | { kind: 'charged'; priceMicros: number; feeMicros: number; month: string }
  | { kind: 'repeat'; month: string }
  | { kind: 'quota'; month: string }
  | { kind: 'withdrawn'; month: string };

// Inserts the ledger row only if the item is live, this account has not paid for it this month and the
// month's count is under the plan's quota. D1 runs a batch as one transaction, so concurrent requests
// cannot both see the last free slot.
const INSERT_LEDGER = `INSERT INTO downloads
  (id, account_id, key_id, key_prefix, item_id, rights_holder, month, price_micros, fee_micros, at, via)
SELECT ?1, ?2, ?3, ?4, i.id, i.rights_holder, ?5, i.price_micros, ?6, ?7, ?8
FROM items i
WHERE i.id = ?9 AND i.status = 'live'
  AND COALESCE((SELECT u.downloads FROM usage_monthly u WHERE u.account_id = ?2 AND u.month = ?5), 0)
    < (SELECT p.monthly_downloads FROM accounts a JOIN plans p ON p.id = a.plan_id WHERE a.id = ?2)
ON CONFLICT (account_id, item_id, month) DO NOTHING`;

const BUMP_USAGE = `INSERT INTO usage_monthly (account_id, month, downloads, fees_micros, prices_micros)
SELECT d.account_id, d.month, 1, d.fee_micros, d.price_micros FROM downloads d WHERE d.id = ?1
ON CONFLICT (account_id, month) DO UPDATE SET
  downloads = downloads + 1,
  fees_micros = fees_micros + excluded.fees_micros,
  prices_micros = prices_micros + excluded.prices_micros`;

const OUTCOME = `SELECT d.id AS id, d.price_micros AS price, d.fee_micros AS fee,
  (SELECT status FROM items WHERE id = ?3) AS status
FROM (SELECT 1) LEFT JOIN downloads d ON d.account_id = ?1 AND d.item_id = ?3 AND d.month = ?2`;

export async function chargeDownload(
  d1: D1Database,
  caller: Caller,
  itemId: string,
  requestId: string,
  now = new Date(),
): Promise<ChargeOutcome> {
  const month = monthOf(now);
  const results = await d1.batch<{ id: string | null; price: number | null; fee: number | null; status: string | null }>([
    d1
      .prepare(INSERT_LEDGER)
      .bind(requestId, caller.accountId, caller.keyId, caller.keyPrefix, month, FEE_MICROS, now.toISOString(), caller.via, itemId),
    d1.prepare(BUMP_USAGE).bind(requestId),
    d1.prepare(OUTCOME).bind(caller.accountId, month, itemId),
  ]);
  const row = results[2]?.results[0];
  if (row?.id === requestId) return { kind: 'charged', priceMicros: row.price ?? 0, feeMicros: row.fee ?? 0, month };
  if (row?.id) return { kind: 'repeat', month };
  if (row?.status !== 'live') return { kind: 'withdrawn', month };
  return { kind: 'quota', month };
}

// Undoes a charge whose file could not be read (the R2 read runs alongside the charge to save a round trip).
const REFUND_USAGE = `UPDATE usage_monthly SET
  downloads = downloads - 1,
  fees_micros = fees_micros - (SELECT fee_micros FROM downloads WHERE id = ?1),
  prices_micros = prices_micros - (SELECT price_micros FROM downloads WHERE id = ?1)
WHERE (account_id, month) = (SELECT account_id, month FROM downloads WHERE id = ?1)`;

export async function refundDownload(d1: D1Database, requestId: string): Promise<void> {
  await d1.batch([d1.prepare(REFUND_USAGE).bind(requestId), d1.prepare('DELETE FROM downloads WHERE id = ?1').bind(requestId)]);
}
