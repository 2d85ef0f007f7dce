// Hostile inputs to the opt-out parsers: robots-style globs, XMP packets and inflate bombs each finish (in a worker killed at a deadline) with the right answer.
import { describe, expect, it } from 'vitest';
import { inWorker } from './support/bounded.js';

const cases = new URL('./support/cpu-cases.ts', import.meta.url);
const LIMIT_MS = 20_000;

describe('hostile input: parsers finish', () => {
  it('ai.txt globs with 30 stars against 5,000-character paths (exponential as a RegExp) are matched linearly', { timeout: LIMIT_MS + 5_000 }, async () => {
    const verdicts = await inWorker<(string | undefined)[]>(cases, 'catastrophicAiTxt', [30, 5000], LIMIT_MS);
    expect(verdicts.map((v) => v !== undefined)).toEqual([true, true, true, true, false, true]);
    expect(verdicts[3]).toMatch(/Disallow: \/x\*/); // 5,000 stars in a row are one star, but 5,004 characters are over the cap: widened to a prefix
    expect(verdicts[1]).toMatch(/Disallow: \*a\*a/); // the longest matching rule decides
  });

  it('tdmrep.json locations of the same shape, and one over the length cap (reservation 0: matches nothing)', { timeout: LIMIT_MS + 5_000 }, async () => {
    expect(await inWorker(cases, 'catastrophicTdmRep', [30, 5000], LIMIT_MS)).toEqual([undefined, true]);
  });

  it('XMP packets built to make lazy regexes quadratic, nest deeply, or define entities are read in one bounded pass', { timeout: LIMIT_MS + 5_000 }, async () => {
    const r = await inWorker<{ optOut: (string | undefined)[]; statements: number[] }>(cases, 'hostileXmp', [], LIMIT_MS);
    expect(r.optOut).toEqual([
      undefined,
      undefined,
      undefined,
      'XMP plus:DataMining DMI-PROHIBITED', // nested 1,000 deep: still found
      undefined, // past the node cap: not read
      undefined,
      'XMP plus:DataMining DMI-PROHIBITED-AIMLTRAINING', // the packet is cut at 4 MiB, the value comes before
      undefined, // &a; is never expanded
    ]);
    expect(r.statements[5]).toBe(1); // 50,000 nested cc:license elements with 50,000 nested items: one statement, read once
  });

  it('an 8 MiB run of unterminated <x:xmpmeta in raw bytes is scanned once', { timeout: LIMIT_MS + 5_000 }, async () => {
    expect(await inWorker(cases, 'hostileRawScan', [], LIMIT_MS)).toBeUndefined();
  });

  it('PNG iTXt/zTXt XMP that inflates to 256 MiB is cut off at 4 MiB and skipped', { timeout: LIMIT_MS + 5_000 }, async () => {
    const r = await inWorker<{ compressedBytes: number; found: unknown[] }>(cases, 'inflateBombs', [], LIMIT_MS);
    expect(r.compressedBytes).toBeLessThan(1024 * 1024);
    expect(r.found).toEqual([undefined, undefined]);
  });
});
