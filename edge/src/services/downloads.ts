// Metering: one atomic D1 batch authenticates the key, checks the item and charges a download once per account,
// item and month within the plan's quota, the account's spending cap and the caller's maximum price, and returns the
// outcome with the item's current storage facts.
import { sha256Hex } from './crypto.js';
import type { Credential } from './download-context.js';
import type { ItemFacts } from './item-facts.js';
import { monthOf } from './months.js';
import { FEE_MICROS } from './prices.js';

export interface KeyFacts { keyId: string; accountId: string; lastUsedAt: string | null }

export type ChargeOutcome =
  | { kind: 'charged'; priceMicros: number; feeMicros: number; month: string; key: KeyFacts; item: ItemFacts }
  | { kind: 'repeat'; month: string; key: KeyFacts; item: ItemFacts }
  | { kind: 'quota'; month: string; key: KeyFacts }
  | { kind: 'price'; priceMicros: number; maxPriceMicros: number; month: string; key: KeyFacts }
  | { kind: 'spend_cap'; capMicros: number; spentMicros: number; costMicros: number; month: string; key: KeyFacts }
  | { kind: 'withdrawn'; month: string; key: KeyFacts }
  | { kind: 'unknown_item'; month: string; key: KeyFacts }
  | { kind: 'bad_key'; revoked: boolean };

// Parameters: ?1 request id, ?2 month, ?3 fee, ?4 time, ?5 via, ?6 item, ?7 maximum price (NULL: none), then the key:
// by hash (?8) for a Bearer key, by id and account (?8, ?9) for a signed URL (its signature is verified before).
const BY_HASH = 'k.hash = ?8';
const BY_ID = 'k.id = ?8 AND k.account_id = ?9';

// Inserts the ledger row only if the key is known and not revoked, the item is live and costs at most the maximum price,
// this account has not paid for it this month, the month's count is under the plan's quota and the month's charges
// plus this one stay within the account's spending cap. D1 runs a batch as one transaction, so concurrent requests can
// never both take the last free slot or the last of the cap, and a revocation, withdrawal or price change committed
// before it is always seen. A repeat of a paid download inserts nothing and is served free whatever the limits.
const insertLedger = (keyWhere: string) => `INSERT INTO downloads
  (id, account_id, key_id, key_prefix, item_id, rights_holder, month, price_micros, fee_micros, at, via)
SELECT ?1, k.account_id, k.id, k.prefix, i.id, i.rights_holder, ?2, i.price_micros, ?3, ?4, ?5
FROM api_keys k JOIN accounts a ON a.id = k.account_id JOIN plans p ON p.id = a.plan_id JOIN items i ON i.id = ?6
  LEFT JOIN usage_monthly u ON u.account_id = k.account_id AND u.month = ?2
WHERE ${keyWhere} AND k.revoked_at IS NULL AND i.status = 'live'
  AND (?7 IS NULL OR i.price_micros <= ?7)
  AND COALESCE(u.downloads, 0) < p.monthly_downloads
  AND (a.spend_cap_micros IS NULL OR COALESCE(u.fees_micros + u.prices_micros, 0) + i.price_micros + ?3 <= a.spend_cap_micros)
ON CONFLICT (account_id, item_id, month) DO NOTHING`;

const BUMP_USAGE = `INSERT INTO usage_monthly (account_id, month, downloads, fees_micros, prices_micros)
SELECT d.account_id, d.month, 1, d.fee_micros, d.price_micros FROM downloads d WHERE d.id = ?1
ON CONFLICT (account_id, month) DO UPDATE SET
  downloads = downloads + 1,
  fees_micros = fees_micros + excluded.fees_micros,
  prices_micros = prices_micros + excluded.prices_micros`;

// Always one row: the key (if any), the item (if any), this month's ledger row of the account for the item (if any),
// and the limits that decide a refusal (quota, cap, what the month has cost so far, the item's current price).
const outcome = (keyWhere: string) => `SELECT k.id AS keyId, k.account_id AS accountId, k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt,
  i.id AS itemId, i.status AS status, i.sha256 AS sha256, i.original_key AS originalKey, i.content_type AS contentType, i.bytes AS bytes,
  i.price_micros AS priceNow, d.id AS downloadId, d.price_micros AS price, d.fee_micros AS fee,
  COALESCE(u.downloads, 0) AS used, p.monthly_downloads AS quota, a.spend_cap_micros AS cap,
  COALESCE(u.fees_micros + u.prices_micros, 0) AS spent
FROM (SELECT 1) AS one
LEFT JOIN api_keys k ON ${keyWhere}
LEFT JOIN accounts a ON a.id = k.account_id
LEFT JOIN plans p ON p.id = a.plan_id
LEFT JOIN usage_monthly u ON u.account_id = k.account_id AND u.month = ?2
LEFT JOIN items i ON i.id = ?6
LEFT JOIN downloads d ON d.account_id = k.account_id AND d.item_id = ?6 AND d.month = ?2`;

const SQL = {
  hash: { insert: insertLedger(BY_HASH), outcome: outcome(BY_HASH) },
  id: { insert: insertLedger(BY_ID), outcome: outcome(BY_ID) },
};

interface OutcomeRow {
  keyId: string | null; accountId: string | null; revokedAt: string | null; lastUsedAt: string | null;
  itemId: string | null; status: string | null; sha256: string; originalKey: string; contentType: string; bytes: number;
  priceNow: number; downloadId: string | null; price: number | null; fee: number | null;
  used: number; quota: number; cap: number | null; spent: number;
}

/**
 * Authenticates and charges in one D1 round trip; `requestId` becomes the ledger row's id when this request pays.
 * `maxPriceMicros` (a signed URL's price, or the caller's `maxPriceMicros`) refuses a download whose item costs more.
 */
export async function chargeDownload(
  d1: D1Database,
  cred: Credential,
  itemId: string,
  requestId: string,
  now = new Date(),
  maxPriceMicros: number | null = null,
): Promise<ChargeOutcome> {
  const month = monthOf(now);
  const byHash = 'apiKey' in cred;
  const sql = byHash ? SQL.hash : SQL.id;
  const keyArgs = byHash ? [await sha256Hex(cred.apiKey)] : [cred.keyId, cred.accountId];
  const args = [requestId, month, FEE_MICROS, now.toISOString(), byHash ? 'key' : 'signed', itemId, maxPriceMicros, ...keyArgs];
  const results = await d1.batch<OutcomeRow>([
    d1.prepare(sql.insert).bind(...args),
    d1.prepare(BUMP_USAGE).bind(requestId),
    // same numbered parameters (?2 month, ?6 item, ?8/?9 key); the others are unused here
    d1.prepare(sql.outcome).bind(...args),
  ]);
  const row = results[2]?.results[0];
  if (!row?.keyId || row.revokedAt) return { kind: 'bad_key', revoked: Boolean(row?.revokedAt) };
  const key: KeyFacts = { keyId: row.keyId, accountId: row.accountId!, lastUsedAt: row.lastUsedAt };
  if (!row.itemId) return { kind: 'unknown_item', month, key };
  if (row.status !== 'live') return { kind: 'withdrawn', month, key };
  const item: ItemFacts = { sha256: row.sha256, originalKey: row.originalKey, contentType: row.contentType, bytes: row.bytes };
  if (row.downloadId === requestId) return { kind: 'charged', priceMicros: row.price ?? 0, feeMicros: row.fee ?? 0, month, key, item };
  if (row.downloadId) return { kind: 'repeat', month, key, item };
  // Refused: say why, in the order a caller can act on (their own maximum price first).
  if (maxPriceMicros !== null && row.priceNow > maxPriceMicros) return { kind: 'price', priceMicros: row.priceNow, maxPriceMicros, month, key };
  const cost = row.priceNow + FEE_MICROS;
  if (row.used < row.quota && row.cap !== null && row.spent + cost > row.cap) {
    return { kind: 'spend_cap', capMicros: row.cap, spentMicros: row.spent, costMicros: cost, month, key };
  }
  return { kind: 'quota', month, key };
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
