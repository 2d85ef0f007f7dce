// The release's withdrawals file (JSON Lines `{ id?, sha256?, fingerprint?, reason, at }`): items removed by id, by image SHA-256, or by appearance.
import { Withdrawal } from '../catalog/index.js';
import type { Identity } from '../image/identity.js';
import { parseFingerprint } from '../image/identity-format.js';
import { describeMatch, IdentityIndex, OPT_OUT_MATCH } from '../image/identity-index.js';
import { parseJsonLinesStrict } from '../util/jsonl-strict.js';

export interface Withdrawals {
  byId: Map<string, Withdrawal>;
  bySha256: Map<string, Withdrawal>;
  byFingerprint: IdentityIndex<Withdrawal>;
}

export function emptyWithdrawals(): Withdrawals {
  return { byId: new Map(), bySha256: new Map(), byFingerprint: new IdentityIndex(OPT_OUT_MATCH) };
}

/** Parses the file; a line it cannot read is an error for the whole run (a withdrawal must never be skipped). */
export function parseWithdrawals(text: string, file = 'withdrawals'): Withdrawals {
  const w = emptyWithdrawals();
  for (const { value } of parseJsonLinesStrict(text, Withdrawal, file)) {
    if (value.id) w.byId.set(value.id, value);
    if (value.sha256) w.bySha256.set(value.sha256, value);
    if (value.fingerprint) w.byFingerprint.add(parseFingerprint(value.fingerprint), value);
  }
  return w;
}

function describe(how: string, w: Withdrawal): string {
  return `withdrawn by ${how} on ${w.at}: ${w.reason}`;
}

export function withdrawnById(w: Withdrawals, id: string): string | undefined {
  const hit = w.byId.get(id);
  return hit ? describe('id', hit) : undefined;
}

export function withdrawnBySha256(w: Withdrawals, sha256: string | undefined): string | undefined {
  const hit = sha256 ? w.bySha256.get(sha256.toLowerCase()) : undefined;
  return hit ? describe('sha256', hit) : undefined;
}

/** Why the picture looks like a withdrawn one (which withdrawal, the distances), or undefined. */
export function withdrawnByIdentity(w: Withdrawals, identity: Identity | undefined): string | undefined {
  const m = identity && w.byFingerprint.nearest(identity);
  if (!m) return undefined;
  const what = m.value.id ? `item ${m.value.id}` : m.value.sha256 ? `sha256 ${m.value.sha256.slice(0, 12)}…` : 'a fingerprint';
  return `${describe('appearance', m.value)} (${describeMatch(m)} with the withdrawn ${what})`;
}
