// Do Not Train registry snapshot: parsing and matching exact URLs, domains (with subdomains) and SHA-256 entries; URL canonical form.
import { describe, expect, it } from 'vitest';
import { parseRegistry, registryMatchSha256, registryMatchUrl } from '../../../pipeline/optout/registry-snapshot.js';
import { canonicalUrl } from '../../../pipeline/optout/url-parts.js';

const SHA = 'a'.repeat(64);
const snapshot = parseRegistry(
  [
    '# Do Not Train snapshot',
    'https://Photos.Example.com:443/a/b.jpg#frag   # trailing comment',
    'domain:optout.example.net',
    'DOMAIN:*.Wild.Example.org',
    `sha256:${SHA.toUpperCase()}`,
    'sha256:1234',
    'not a url',
    '',
  ].join('\n'),
);

describe('parseRegistry', () => {
  it('reads URLs, domains and hashes, and reports lines it does not understand', () => {
    expect([...snapshot.urls]).toEqual(['https://photos.example.com/a/b.jpg']);
    expect([...snapshot.domains]).toEqual(['optout.example.net', 'wild.example.org']);
    expect([...snapshot.sha256]).toEqual([SHA]);
    expect(snapshot.invalid.map((l) => l.line)).toEqual([6, 7]);
  });
});

describe('registryMatchUrl', () => {
  it('matches exact URLs after normalisation, not prefixes or other paths', () => {
    expect(registryMatchUrl(snapshot, 'https://photos.example.com/a/b.jpg')).toMatch(/URL listed/);
    expect(registryMatchUrl(snapshot, 'HTTPS://PHOTOS.EXAMPLE.COM/a/b.jpg#x')).toMatch(/URL listed/);
    expect(registryMatchUrl(snapshot, 'https://photos.example.com/a/b.jpg?size=2')).toBeUndefined();
    expect(registryMatchUrl(snapshot, 'https://photos.example.com/a/B.jpg')).toBeUndefined();
  });

  it('matches a domain and its subdomains, never lookalikes', () => {
    expect(registryMatchUrl(snapshot, 'https://optout.example.net/x.png')).toMatch(/domain:optout\.example\.net/);
    expect(registryMatchUrl(snapshot, 'http://cdn.img.optout.example.net/x.png')).toMatch(/covers cdn\.img\.optout\.example\.net/);
    expect(registryMatchUrl(snapshot, 'https://notoptout.example.net/x.png')).toBeUndefined();
    expect(registryMatchUrl(snapshot, 'https://optout.example.net.evil.com/x.png')).toBeUndefined();
    expect(registryMatchUrl(snapshot, 'https://a.wild.example.org/')).toMatch(/wild\.example\.org/);
  });

  it('ignores local paths and missing values', () => {
    expect(registryMatchUrl(snapshot, 'images/optout.example.net.png')).toBeUndefined();
    expect(registryMatchUrl(snapshot, undefined)).toBeUndefined();
  });
});

describe('registryMatchSha256', () => {
  it('matches hashes case-insensitively', () => {
    expect(registryMatchSha256(snapshot, SHA)).toMatch(/sha256:a{64}/);
    expect(registryMatchSha256(snapshot, 'b'.repeat(64))).toBeUndefined();
  });
});

describe('canonicalUrl', () => {
  it('takes the fast path only for URLs WHATWG parsing leaves unchanged', () => {
    const cases = [
      'https://a.example.org/x/y.jpg',
      'https://a.example.org/x/y.jpg?w=1&h=2',
      'https://A.example.org/x',
      'https://a.example.org:443/x',
      'http://a.example.org:80/x',
      'https://a.example.org/a/../b',
      'https://a.example.org/a/./b',
      'https://a.example.org/%2e%2e/b',
      'https://a.example.org',
      'https://127.1/x',
      'https://0x7f.1/x',
      'https://a.example.org./x',
      'https://a.example.org/x#f',
      "https://a.example.org/x?q='1'",
      'https://user:pw@a.example.org/x',
      'https://a.example.org/a b',
      'https://a.example.org/%41',
    ];
    for (const raw of cases) {
      const slow = new URL(raw);
      slow.hash = '';
      slow.hostname = slow.hostname.replace(/\.$/, '');
      expect({ raw, canonical: canonicalUrl(raw) }).toEqual({ raw, canonical: slow.href });
    }
    expect(canonicalUrl('ftp://a.example.org/x')).toBeUndefined();
  });
});

describe('registry fingerprints', () => {
  it('lists pid1 fingerprints by line and refuses malformed ones', () => {
    const fp = `pid1:${'0f'.repeat(8)}.${Buffer.alloc(768, 100).toString('base64url')}`;
    const snapshot = parseRegistry(`# by appearance\n${fp}\npid1:1234\n`);
    expect(snapshot.fingerprints.size).toBe(1);
    expect(snapshot.invalid).toEqual([{ line: 3, text: 'pid1:1234' }]);
  });
});
