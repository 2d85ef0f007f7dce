// CBOR decoder against RFC 8949 Appendix A vectors and the encoder used for samples.
import { describe, expect, it } from 'vitest';
import { CborError, decodeCbor } from '../../../pipeline/optout/cbor.js';
import { encodeCbor } from '../../../pipeline/sample/c2pa-write.js';

const hex = (h: string) => Buffer.from(h, 'hex');

describe('decodeCbor', () => {
  it.each([
    ['00', 0],
    ['17', 23],
    ['1818', 24],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['20', -1],
    ['3863', -100],
    ['f93c00', 1],
    ['f9c400', -4],
    ['fb3ff199999999999a', 1.1],
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['6161', 'a'],
    ['62c3bc', 'ü'],
    ['83010203', [1, 2, 3]],
    ['9f018202039f0405ffff', [1, [2, 3], [4, 5]]],
    ['a26161016162820203', { a: 1, b: [2, 3] }],
    ['bf6346756ef563416d7421ff', { Fun: true, Amt: -2 }],
    ['7f657374726561646d696e67ff', 'streaming'],
    ['c074323031332d30332d32315432303a30343a30305a', '2013-03-21T20:04:00Z'],
  ])('%s', (h, value) => {
    expect(decodeCbor(hex(h))).toEqual(value);
  });

  it('decodes byte strings', () => {
    expect(Buffer.from(decodeCbor(hex('4401020304')) as Uint8Array)).toEqual(hex('01020304'));
  });

  it('rejects truncated input and oversized lengths', () => {
    expect(() => decodeCbor(hex('830102'))).toThrow(CborError);
    expect(() => decodeCbor(hex('5a7fffffff00'))).toThrow(CborError);
    expect(() => decodeCbor(Buffer.alloc(200, 0x81))).toThrow(/deeply|truncated/);
  });

  it('round-trips what encodeCbor writes', () => {
    const value = { entries: { 'c2pa.ai_training': { use: 'notAllowed' } }, n: [0, 23, 24, 255, 256, 65536, -5], ok: true };
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
  });
});
