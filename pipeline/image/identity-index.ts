// Indexed perceptual look-up: fingerprints in a multi-index Hamming index on their DCT hash, candidates confirmed by tone-fitted colour.
import { HammingIndex } from './hamming-index.js';
import type { Fingerprint, Identity } from './identity.js';
import { toneFittedDistance } from './identity-compare.js';

/**
 * The match rule (measured by `npm run eval:dedup`: pipeline/README.md "Perceptual identity"): the DCT hash, or the
 * mirrored picture's, within `hash` bits of the fingerprint's AND the prints within `colour` (0–255) after the tone fit.
 */
export const IDENTITY_MATCH = { hash: 10, colour: 4 } as const;

export interface Match<T> {
  value: T;
  /** Bits of the 64-bit hash that differ, and the tone-fitted colour difference (0–255). */
  hash: number;
  colour: number;
  mirrored: boolean;
}

interface Held<T> {
  value: T;
  print: Uint8Array;
  seq: number;
}

export class IdentityIndex<T> {
  private index = new HammingIndex<Held<T>>();
  size = 0;

  constructor(private readonly rule: { hash: number; colour: number } = IDENTITY_MATCH) {}

  add(fingerprint: Fingerprint, value: T): void {
    this.index.add(fingerprint.hash, { value, print: fingerprint.print, seq: this.size++ });
  }

  /** The closest entry the picture or its mirror matches (hash bits + colour, then the entry added first), or undefined. */
  nearest(q: Identity): Match<T> | undefined {
    let best: (Match<T> & { seq: number; score: number }) | undefined;
    for (const mirrored of [false, true]) {
      for (const c of this.index.within(mirrored ? q.mirrorHash : q.fingerprint.hash, this.rule.hash)) {
        const colour = toneFittedDistance(c.value.print, q.fingerprint.print, mirrored);
        if (colour > this.rule.colour) continue;
        const score = c.distance + colour;
        if (!best || score < best.score || (score === best.score && c.value.seq < best.seq))
          best = { value: c.value.value, hash: c.distance, colour, mirrored, seq: c.value.seq, score };
      }
    }
    return best && { value: best.value, hash: best.hash, colour: best.colour, mirrored: best.mirrored };
  }
}

/** "perceptual match: hash 3/64 bits, colour 1.2/255 after tone fit, mirrored": what a decision's detail says. */
export function describeMatch(m: Match<unknown>): string {
  return `perceptual match: hash ${m.hash}/64 bits, colour ${m.colour.toFixed(1)}/255 after tone fit${m.mirrored ? ', mirrored' : ''}`;
}
