// The fetch policy: loopback, private, link-local and unique-local addresses are refused; the loopback switch re-allows
// 127.0.0.0/8 and ::1 only.
import { describe, expect, it } from 'vitest';
import { refusedAddress } from '../../../pipeline/util/guarded-get.js';

describe('refusedAddress', () => {
  it('refuses the non-public ranges', () => {
    const env = {};
    expect(refusedAddress('127.0.0.1', env)).toBe('loopback');
    expect(refusedAddress('127.8.9.10', env)).toBe('loopback');
    expect(refusedAddress('::1', env)).toBe('loopback');
    expect(refusedAddress('::ffff:127.0.0.1', env)).toBe('loopback');
    expect(refusedAddress('10.1.2.3', env)).toBe('private');
    expect(refusedAddress('172.16.0.1', env)).toBe('private');
    expect(refusedAddress('172.31.255.255', env)).toBe('private');
    expect(refusedAddress('192.168.1.1', env)).toBe('private');
    expect(refusedAddress('::ffff:192.168.1.1', env)).toBe('private');
    expect(refusedAddress('169.254.169.254', env)).toBe('link-local');
    expect(refusedAddress('fe80::1', env)).toBe('link-local');
    expect(refusedAddress('fd12:3456::1', env)).toBe('unique-local');
    expect(refusedAddress('fc00::1', env)).toBe('unique-local');
    expect(refusedAddress('0.0.0.0', env)).toBe('unspecified');
    expect(refusedAddress('::', env)).toBe('unspecified');
  });

  it('allows public addresses', () => {
    for (const a of ['93.184.216.34', '172.32.0.1', '172.15.255.255', '192.169.0.1', '2606:4700::1111', '1.1.1.1']) expect(refusedAddress(a, {}), a).toBeUndefined();
  });

  it('CLEARANCE_FETCH_ALLOW_LOOPBACK=1 re-allows loopback only', () => {
    const env = { CLEARANCE_FETCH_ALLOW_LOOPBACK: '1' };
    expect(refusedAddress('127.0.0.1', env)).toBeUndefined();
    expect(refusedAddress('::1', env)).toBeUndefined();
    expect(refusedAddress('10.0.0.1', env)).toBe('private');
    expect(refusedAddress('169.254.169.254', env)).toBe('link-local');
    expect(refusedAddress('fd00::1', env)).toBe('unique-local');
  });
});
