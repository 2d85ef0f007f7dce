// Metering: one atomic D1 batch authenticates the key, checks the item and charges a download once per account,
// item and month within the plan's quota, and returns the outcome with the item's current storage facts.
import { sha256Hex } from './crypto.js';
import type { Credential } from './download-context.js';
import type { ItemFacts } from './item-facts.js';
import { monthOf } from './months.js';

export const FEE_MICROS = 1000;

export interface KeyFacts { keyId: string; accountId: string; lastUsedAt: string | null }

export type ChargeOutcome =
  | { kind: 'charged'; priceMicros: number; feeMicros: number; month: string; key: KeyFacts; item: ItemFacts }
  | { kind: 'repeat'; month: string; key: KeyFacts; item: ItemFacts }
  | { kind: 'quota'; month: string; key: KeyFacts }
  | { kind: 'withdrawn'; month: string; key: KeyFacts }
  | { kind: 'unknown_item'; month: string; key: KeyFacts }
  | { kind: 'bad_key'; revoked: boolean };

// The key predicate: by hash for a Bearer key, by id and account for a signed URL (its signature is verified before).
const BY_HASH = 'k.hash = ?7';
const BY_ID = 'k.id = ?7 AND k.account_id = ?8';

// Inserts the ledger row only if the key is known and not revoked, the item is live, this account has not paid for it
// this month and the month's count is under the plan's quota. D1 runs a batch as one transaction, so concurrent
// requests cannot both see the last free slot, and a revocation or withdrawal committed before it is always seen.
const insertLedger = (keyWhere: string) => `INSERT INTO downloads
  (id, account_id, key_id, key_prefix, item_id, rights_holder, month, price_micros, fee_micros, at, via)
SELECT ?1, k.account_id, k.id, k.prefix, i.id, i.rights_holder, ?2, i.price_micros, ?3, ?4, ?5
FROM api_keys k JOIN accounts a ON a.id = k.account_id JOIN plans p ON p.id = a.plan_id JOIN items i ON i.id = ?6
WHERE ${keyWhere} AND k.revoked_at IS NULL AND i.status = 'live'
  AND COALESCE((SELECT u.downloads FROM usage_monthly u WHERE u.account_id = k.account_id AND u.month = ?2), 0) < p.monthly_downloads
ON CONFLICT (account_id, item_id, month) DO NOTHING`;

const BUMP_USAGE = `INSERT INTO usage_monthly (account_id, month, downloads, fees_micros, prices_micros)
SELECT d.account_id, d.month, 1, d.fee_micros, d.price_micros FROM downloads d WHERE d.id = ?1
ON CONFLICT (account_id, month) DO UPDATE SET
  downloads = downloads + 1,
  fees_micros = fees_micros + excluded.fees_micros,
  prices_micros = prices_micros + excluded.prices_micros`;

// Always one row: the key (if any), the item (if any) and this month's ledger row of the account for the item (if any).
const outcome = (keyWhere: string) => `SELECT k.id AS keyId, k.account_id AS accountId, k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt,
  i.id AS itemId, i.status AS status, i.sha256 AS sha256, i.original_key AS originalKey, i.content_type AS contentType, i.bytes AS bytes,
  d.id AS downloadId, d.price_micros AS price, d.fee_micros AS fee
FROM (SELECT 1) AS one
LEFT JOIN api_keys k ON ${keyWhere}
LEFT JOIN items i ON i.id = ?6
LEFT JOIN downloads d ON d.account_id = k.account_id AND d.item_id = ?6 AND d.month = ?2`;

const SQL = {
  hash: { insert: insertLedger(BY_HASH), outcome: outcome(BY_HASH) },
  id: { insert: insertLedger(BY_ID), outcome: outcome(BY_ID) },
};

interface OutcomeRow {
  keyId: string | null; accountId: string | null; revokedAt: string | null; lastUsedAt: string | null;
  itemId: string | null; status: string | null; sha256: string; originalKey: string; contentType: string; bytes: number;
  downloadId: string | null; price: number | null; fee: number | null;
}

/** Authenticates and charges in one D1 round trip; `requestId` becomes the ledger row's id when this request pays. */
export async function chargeDownload(
  d1: D1Database,
  cred: Credential,
  itemId: string,
  requestId: string,
  now = new Date(),
): Promise<ChargeOutcome> {
  const month = monthOf(now);
  const byHash = 'apiKey' in cred;
  const sql = byHash ? SQL.hash : SQL.id;
  const keyArgs = byHash ? [await sha256Hex(cred.apiKey)] : [cred.keyId, cred.accountId];
  const args = [requestId, month, FEE_MICROS, now.toISOString(), byHash ? 'key' : 'signed', itemId, ...keyArgs];
  const results = await d1.batch<OutcomeRow>([
    d1.prepare(sql.insert).bind(...args),
    d1.prepare(BUMP_USAGE).bind(requestId),
    // same numbered parameters (?2 month, ?6 item, ?7/?8 key); the others are unused here
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
