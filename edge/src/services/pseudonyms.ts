// Customers as rights holders see them: a pseudonym per holder and account (an HMAC under SIGNING_SECRET), never the
// account id or a key prefix. Stable for one holder; unlinkable between holders; changes if SIGNING_SECRET rotates.
import type { Bindings } from '../types/env.js';
import { hmacHex } from './crypto.js';

export async function customerPseudonym(env: Bindings, holderId: string, accountId: string): Promise<string> {
  return `customer-${(await hmacHex(env.SIGNING_SECRET, `holder-audit\n${holderId}\n${accountId}`)).slice(0, 12)}`;
}

/** Pseudonyms of many (holder, account) pairs, each computed once. */
export async function pseudonymsOf(env: Bindings, pairs: readonly { holderId: string; accountId: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const p of pairs) {
    const k = `${p.holderId}\n${p.accountId}`;
    if (!out.has(k)) out.set(k, await customerPseudonym(env, p.holderId, p.accountId));
  }
  return out;
}
