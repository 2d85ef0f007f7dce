// Withdrawals file: by id and by sha256; a malformed line fails loudly instead of being skipped.
import { describe, expect, it } from 'vitest';
import { parseWithdrawals, withdrawnById, withdrawnBySha256 } from '../../../pipeline/optout/withdrawals.js';

const SHA = 'c'.repeat(64);

describe('withdrawals', () => {
  const w = parseWithdrawals(
    [
      JSON.stringify({ id: 'sample:7', reason: 'rights holder request', at: '2026-10-01' }),
      '',
      JSON.stringify({ sha256: SHA, reason: 'court order', at: '2026-10-02' }),
    ].join('\n'),
  );

  it('matches by id and by sha256', () => {
    expect(withdrawnById(w, 'sample:7')).toBe('withdrawn by id on 2026-10-01: rights holder request');
    expect(withdrawnById(w, 'sample:8')).toBeUndefined();
    expect(withdrawnBySha256(w, SHA.toUpperCase())).toMatch(/by sha256 on 2026-10-02: court order/);
    expect(withdrawnBySha256(w, undefined)).toBeUndefined();
  });

  it('rejects malformed lines with their line number', () => {
    expect(() => parseWithdrawals('{"reason":"x","at":"y"}', 'w.jsonl')).toThrow(/w\.jsonl:1: .*id, a sha256 or a fingerprint/);
    expect(() => parseWithdrawals('\n{oops', 'w.jsonl')).toThrow(/w\.jsonl:2: not JSON/);
  });
});
