// One D1 round trip before a download: the caller's key, the item and whether this month's charge is already paid.
import type { Caller } from '../env.js';
import { sha256Hex } from './crypto.js';

export type Credential = { apiKey: string } | { keyId: string; accountId: string };

export interface DownloadItem {
  id: string;
  sha256: string;
  originalKey: string;
  contentType: string;
  bytes: number;
  status: string;
}

export interface DownloadContext {
  /** null when the key is unknown; `revoked` tells a revoked key apart. */
  caller: Caller | null;
  revoked: boolean;
  /** When the key was last used (to skip a redundant write). */
  lastUsedAt: string | null;
  item: DownloadItem | null;
  /** This account already paid for this item this month: the download is free and not counted. */
  paid: boolean;
}

const KEY_BY_HASH = `SELECT k.id AS keyId, k.prefix AS prefix, k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt, a.id AS accountId, a.plan_id AS planId
FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.hash = ?1`;
const KEY_BY_ID = `SELECT k.id AS keyId, k.prefix AS prefix, k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt, a.id AS accountId, a.plan_id AS planId
FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.id = ?1 AND k.account_id = ?2`;
const ITEM = `SELECT id, sha256, original_key AS originalKey, content_type AS contentType, bytes, status FROM items WHERE id = ?1`;
const PAID_BY_HASH = `SELECT 1 AS paid FROM downloads d JOIN api_keys k ON k.account_id = d.account_id
WHERE k.hash = ?1 AND d.item_id = ?2 AND d.month = ?3`;
const PAID_BY_ID = `SELECT 1 AS paid FROM downloads d WHERE d.account_id = ?1 AND d.item_id = ?2 AND d.month = ?3`;

interface KeyRow { keyId: string; prefix: string; revokedAt: string | null; lastUsedAt: string | null; accountId: string; planId: string }

export async function downloadContext(d1: D1Database, cred: Credential, itemId: string, month: string): Promise<DownloadContext> {
  let keyStmt: D1PreparedStatement;
  let paidStmt: D1PreparedStatement;
  if ('apiKey' in cred) {
    const hash = await sha256Hex(cred.apiKey);
    keyStmt = d1.prepare(KEY_BY_HASH).bind(hash);
    paidStmt = d1.prepare(PAID_BY_HASH).bind(hash, itemId, month);
  } else {
    keyStmt = d1.prepare(KEY_BY_ID).bind(cred.keyId, cred.accountId);
    paidStmt = d1.prepare(PAID_BY_ID).bind(cred.accountId, itemId, month);
  }
  const [keys, items, paid] = await d1.batch<unknown>([keyStmt, d1.prepare(ITEM).bind(itemId), paidStmt]);
  const key = keys?.results[0] as KeyRow | undefined;
  const live = key && !key.revokedAt;
  return {
    caller: live
      ? { accountId: key.accountId, planId: key.planId, keyId: key.keyId, keyPrefix: key.prefix, via: 'apiKey' in cred ? 'key' : 'signed' }
      : null,
    revoked: Boolean(key?.revokedAt),
    lastUsedAt: key?.lastUsedAt ?? null,
    item: (items?.results[0] as DownloadItem | undefined) ?? null,
    paid: Boolean(live && paid?.results.length),
  };
}
