// base64url without Buffer: the same text as Node's encoding for every length, base64 read too, bad text refused.
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../../pipeline/image/base64url.js';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + ((i * i) >> 3)) & 255);

describe('base64url', () => {
  it("writes Node's base64url text and reads it back, for every length from 0 to 100 and a 64×64 RGB grid", () => {
    for (const n of [...Array.from({ length: 101 }, (_, i) => i), 64 * 64 * 3]) {
      for (const seed of [0, 1, 2]) {
        const b = bytes(n, seed);
        const text = toBase64url(b);
        expect(text).toBe(Buffer.from(b).toString('base64url'));
        expect(Buffer.from(fromBase64url(text)).equals(Buffer.from(b)), `${n} bytes`).toBe(true);
      }
    }
  });

  it('reads base64 (+ and /) with or without padding', () => {
    for (const n of [1, 2, 3, 62, 63, 64]) {
      const b = bytes(n, 5);
      expect(fromBase64url(Buffer.from(b).toString('base64'))).toEqual(b);
    }
    expect(fromBase64url('-_-_')).toEqual(fromBase64url('+/+/'));
  });

  it('refuses a character outside the alphabet and a length no encoding gives', () => {
    for (const bad of ['ab!c', 'ab c', 'abcé', 'ab=c', 'A', 'AAAAA']) expect(() => fromBase64url(bad), bad).toThrow(/not base64url/);
  });
});
