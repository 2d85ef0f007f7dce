// Unit tests of the rate-limit identity of a client: IPv4 per address, IPv6 per /64, mapped and odd forms.
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../../edge/src/services/client-key.js';

describe('clientKey', () => {
  it('keys IPv4 clients by address', () => {
    expect(clientKey('203.0.113.9')).toBe('ip4:203.0.113.9');
    expect(clientKey(' 203.0.113.9 ')).toBe('ip4:203.0.113.9');
    expect(clientKey('203.0.113.10')).not.toBe(clientKey('203.0.113.9'));
    expect(clientKey('010.000.000.001')).toBe('ip4:10.0.0.1');
  });

  it('keys IPv6 clients by their /64, whatever the notation', () => {
    const a = clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('ip6:2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2::1', '2001:0DB8:0001:0002:0:0:0:ffff', '[2001:db8:1:2::9]', '2001:db8:1:2::1%eth0', '2001:db8:1:2:ffff::']) {
      expect(clientKey(same)).toBe(a);
    }
    expect(clientKey('2001:db8:1:3::1')).not.toBe(a);
    expect(clientKey('::1')).toBe('ip6:0:0:0:0::/64');
    expect(clientKey('2001:db8::')).toBe('ip6:2001:db8:0:0::/64');
    expect(clientKey('64:ff9b::192.0.2.33')).toBe('ip6:64:ff9b:0:0::/64');
  });

  it('counts IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(clientKey('::ffff:203.0.113.9')).toBe('ip4:203.0.113.9');
    expect(clientKey('::ffff:cb00:7109')).toBe('ip4:203.0.113.9');
  });

  it('keeps anything else apart without trusting it', () => {
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('')).toBe('unknown');
    for (const odd of ['256.1.1.1', '1.2.3', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', ':::', '::ffff:300.1.1.1', 'x'.repeat(500)]) {
      const key = clientKey(odd);
      expect(key.startsWith('raw:')).toBe(true);
      expect(key.length).toBeLessThanOrEqual(104);
    }
  });
});
