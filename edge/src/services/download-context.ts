// One D1 read batch before a download whose item facts are not cached yet: the caller's key and the item.
import type { Caller } from '../types/env.js';
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
}

const KEY_BY_HASH = `SELECT k.id AS keyId, k.prefix AS prefix, k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt, a.id AS accountId, a.plan_id AS planId
FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.hash = ?1`;
const KEY_BY_ID = `SELECT k.id AS keyId, k.prefix AS prefix, k.revoked_at AS revokedAt, k.last_used_at AS lastUsedAt, a.id AS accountId, a.plan_id AS planId
FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.id = ?1 AND k.account_id = ?2`;
const ITEM = `SELECT id, sha256, original_key AS originalKey, content_type AS contentType, bytes, status FROM items WHERE id = ?1`;

interface KeyRow { keyId: string; prefix: string; revokedAt: string | null; lastUsedAt: string | null; accountId: string; planId: string }

export async function downloadContext(d1: D1Database, cred: Credential, itemId: string): Promise<DownloadContext> {
  const keyStmt =
    'apiKey' in cred
      ? d1.prepare(KEY_BY_HASH).bind(await sha256Hex(cred.apiKey))
      : d1.prepare(KEY_BY_ID).bind(cred.keyId, cred.accountId);
  const [keys, items] = await d1.batch<unknown>([keyStmt, d1.prepare(ITEM).bind(itemId)]);
  const key = keys?.results[0] as KeyRow | undefined;
  const live = key && !key.revokedAt;
  return {
    caller: live
      ? { accountId: key.accountId, planId: key.planId, keyId: key.keyId, keyPrefix: key.prefix, via: 'apiKey' in cred ? 'key' : 'signed' }
      : null,
    revoked: Boolean(key?.revokedAt),
    lastUsedAt: key?.lastUsedAt ?? null,
    item: (items?.results[0] as DownloadItem | undefined) ?? null,
  };
}
