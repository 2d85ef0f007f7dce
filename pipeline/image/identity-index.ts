// Indexed perceptual look-up: fingerprints in a multi-index Hamming index on their DCT hash, candidates confirmed by tone-fitted colour.
import { HammingIndex } from './hamming-index.js';
import type { Fingerprint, Identity } from './identity.js';
import { toneFittedDistance } from './identity-compare.js';

/**
 * The match rule (measured by `npm run eval:dedup`: pipeline/README.md "Perceptual identity"): the DCT hash (or the
 * mirrored picture's, or the framed picture's) within `hash` bits of the fingerprint's AND the prints within
 * `colour − colourPerBit × hash bits` (0–255) after the tone fit: the further the structure, the closer the colours
 * must be (the closest different pomological paintings: 4.6 in colour at 10 bits, 5.2 at 4 bits; edited copies are
 * mostly within 4 bits and 4 in colour).
 */
export const IDENTITY_MATCH = { hash: 10, colour: 4.5, colourPerBit: 0.1 } as const;

export type IdentityRule = { hash: number; colour: number; colourPerBit: number };

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

  constructor(private readonly rule: IdentityRule = IDENTITY_MATCH) {}

  add(fingerprint: Fingerprint, value: T): void {
    this.index.add(fingerprint.hash, { value, print: fingerprint.print, seq: this.size++ });
  }

  /** The closest entry the picture, its mirror, or the picture inside its borders matches (hash bits + colour, then
   *  the entry added first), or undefined. */
  nearest(q: Identity): Match<T> | undefined {
    let best: (Match<T> & { seq: number; score: number }) | undefined;
    const views = [q, ...(q.framed ? [q.framed] : [])];
    for (const view of views)
      for (const mirrored of [false, true]) {
        for (const c of this.index.within(mirrored ? view.mirrorHash : view.fingerprint.hash, this.rule.hash)) {
          const limit = this.rule.colour - this.rule.colourPerBit * c.distance;
          const colour = toneFittedDistance(c.value.print, view.fingerprint.print, mirrored, limit);
          if (colour > limit) continue;
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
