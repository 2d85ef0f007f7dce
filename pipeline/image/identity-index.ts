// Indexed perceptual look-up: fingerprints in a multi-index Hamming index on their DCT hash (and, for opt-outs, their crop-window keys), confirmed by tone-fitted colour.
import { HammingIndex } from './hamming-index.js';
import { viewsOf, type Fingerprint, type Identity } from './identity.js';
import { printSums, TonedPrint } from './identity-compare.js';
import { AlignedCopy, alignedDistance, estimateWindow, refineWindow, type Window } from './identity-crop.js';
import { CROPS, cropKeys, KEY_WORDS, SHORT_LUMA, SHORT_WORDS, shortCropKeys, shortWholeKey, wholeKey } from './identity-window-keys.js';
import { KeyIndex, wordLayout, type KeyLayout } from './key-index.js';

/** A cropped copy (identity-crop.ts, identity-window-keys.ts) is a match when its key comes within `bits` bits of one
 *  of an indexed print's window keys, `hash` of them luma (`key`: the 189-bit keys, every one that close found; or the
 *  128-bit short keys, only those that share a whole 12-bit chunk with the copy's: `radius` 0; at most `candidates`
 *  prints tried, those with the nearest keys), and, aligned inside the print where its luma profiles put
 *  it, its colour is within `colour − colourPerBit × luma bits`; a print whose profiles disagree by more than `reject`
 *  (0–255) at 2.5 % steps, or by more than `profile` at the cuts they find, is not aligned; one further than `start` in
 *  colour where the profiles put it is not refined, nor refined below 1 % steps when further than `coarse` after them. */
export type CropRule = { key: 'wide' | 'short'; radius?: number; candidates?: number; bits: number; hash: number; colour: number; colourPerBit: number; reject: number; profile: number; start: number; coarse: number };

/** `crop`: without it, cropped copies are not looked for (and no window keys are held). */
export type IdentityRule = { hash: number; colour: number; colourPerBit: number; crop?: CropRule };

/** How a cropped copy is confirmed once a window key finds a candidate (CropRule). */
const CROP_CONFIRM = { colour: 2, colourPerBit: 0.05, reject: 4, profile: 2, start: 5, coarse: 3.5 } as const;

/**
 * The match rule (measured by `npm run eval:dedup`: pipeline/README.md "Perceptual identity"): the DCT hash (or the
 * mirrored picture's, or the framed picture's) within `hash` bits of the fingerprint's AND the prints within
 * `colour − colourPerBit × hash bits` (0–255) after the tone fit: the further the structure, the closer the colours
 * must be (the closest different pomological paintings: 4.6 in colour at 10 bits, 5.2 at 4 bits; edited copies are
 * mostly within 4 bits and 4 in colour). Cropped copies are looked for by their short keys: the dedup index holds
 * every kept item, so only windows that share a whole chunk with the copy's key are candidates, and only the 3 prints
 * with the nearest keys are tried (a copy's own original is almost always among them; a look-up's work stays bounded
 * however many similar pictures come near).
 */
export const IDENTITY_MATCH = {
  hash: 10,
  colour: 4.5,
  colourPerBit: 0.1,
  crop: { key: 'short', radius: 0, candidates: 3, bits: 20, hash: 10, ...CROP_CONFIRM },
} as const satisfies IdentityRule;

/** The rule of the opt-out indexes (registry fingerprints, withdrawals, opted-out pictures): the same, with a wider
 *  look for cropped copies: every window whose 189-bit key is within 40 bits. A withdrawn or listed picture is worth
 *  it; a kept item is not (pipeline/README.md "Perceptual identity"). */
export const OPT_OUT_MATCH = {
  ...IDENTITY_MATCH,
  crop: { key: 'wide', bits: 40, hash: 16, ...CROP_CONFIRM },
} as const satisfies IdentityRule;

/** The two kinds of window key, as the key index lays them out. */
const LAYOUTS: Record<CropRule['key'], KeyLayout> = {
  wide: wordLayout(KEY_WORDS),
  short: { words: SHORT_WORDS, chunk: 12, bits: SHORT_WORDS * 32, lead: SHORT_LUMA },
};

export interface Match<T> {
  value: T;
  /** Bits of the 64-bit hash that differ, and the tone-fitted colour difference (0–255). */
  hash: number;
  colour: number;
  mirrored: boolean;
  /** Where the copy sits in the matched picture (unit rectangle) when it matched as a cropped copy. */
  window?: Window;
}

interface Held<T> {
  value: T;
  print: Uint8Array;
  seq: number;
}

export class IdentityIndex<T> {
  private index = new HammingIndex<Held<T>>();
  /** The keys of each held print's windows (identity-window-keys.ts): the value is the held entry. */
  private crops: KeyIndex<Held<T>> | undefined;
  private readonly words: number;
  /** Scratch of a crop look-up: the prints found, each with its nearest window's luma bits and key bits. */
  private readonly near = new Map<Held<T>, number>();
  private readonly nearKey = new Map<Held<T>, number>();
  size = 0;

  constructor(private readonly rule: IdentityRule = IDENTITY_MATCH) {
    const layout = LAYOUTS[rule.crop?.key ?? 'wide'];
    this.words = layout.words;
    if (rule.crop) this.crops = new KeyIndex(layout);
  }

  /** The window keys of a print (every crop window, or the whole print) as the crop rule's index holds them. */
  private keys(print: Uint8Array, windows: boolean): Int32Array {
    if (this.rule.crop?.key === 'short') return windows ? shortCropKeys(print) : shortWholeKey(print);
    return windows ? cropKeys(print) : wholeKey(print);
  }

  /** Each held print's printSums, 6 numbers a print by its seq: the tone fit of a candidate then reads only its cells. */
  private sums = new Float64Array(0);

  add(fingerprint: Fingerprint, value: T): void {
    const held = { value, print: fingerprint.print, seq: this.size++ };
    if (this.sums.length < this.size * 6) {
      const more = new Float64Array(Math.max(64, this.size * 2) * 6);
      more.set(this.sums);
      this.sums = more;
    }
    printSums(fingerprint.print, this.sums, held.seq * 6);
    this.index.add(fingerprint.hash, held);
    if (this.crops) {
      const keys = this.keys(fingerprint.print, true);
      for (let w = 0; w < CROPS.length; w++) this.crops.add(keys, w * this.words, held);
    }
  }

  /** The closest entry the picture, its mirror, or the picture inside its borders matches (hash bits + colour, then
   *  the entry added first), or undefined; only entries `accept` takes, when given. */
  nearest(q: Identity, accept?: (value: T) => boolean): Match<T> | undefined {
    let best: (Match<T> & { seq: number; score: number }) | undefined;
    const { rule } = this;
    for (const view of viewsOf(q))
      for (const mirrored of [false, true]) {
        // The query's print as the tone fit reads it (mirrored: compared with the candidates as they are), made once.
        let toned: TonedPrint | undefined;
        this.index.each(mirrored ? view.mirrorHash : view.fingerprint.hash, rule.hash, (held, distance) => {
          if (accept && !accept(held.value)) return;
          const limit = rule.colour - rule.colourPerBit * distance;
          toned ??= new TonedPrint(view.fingerprint.print, mirrored);
          const colour = toned.distance(held.print, limit, this.sums, held.seq * 6);
          if (colour > limit) return;
          const score = distance + colour;
          if (!best || score < best.score || (score === best.score && held.seq < best.seq))
            best = { value: held.value, hash: distance, colour, mirrored, seq: held.seq, score };
        });
      }
    if (best) return { value: best.value, hash: best.hash, colour: best.colour, mirrored: best.mirrored };
    return this.cropped(q, accept);
  }

  /** The closest entry the picture (or the picture inside its borders) is a cropped copy of, or undefined. Each print
   *  one of whose window keys the key of the query's print comes near is tried once: where the copy sits in it is estimated from luma
   *  profiles (identity-crop.ts estimateWindow), then refined and confirmed on colour. */
  private cropped(q: Identity, accept?: (value: T) => boolean): Match<T> | undefined {
    const rule = this.rule.crop;
    const crops = this.crops;
    if (!rule || !crops) return undefined;
    let best: (Match<T> & { seq: number; score: number }) | undefined;
    for (const view of [q, ...(q.framed ? [q.framed] : [])]) {
      if (!view.grid) continue;
      const grid = view.grid;
      // The nearest window of each print, by its luma bits.
      const { near, nearKey } = this;
      near.clear();
      nearKey.clear();
      crops.each(
        this.keys(view.fingerprint.print, false),
        0,
        rule.bits,
        (held, bits, luma) => {
          if (accept && !accept(held.value)) return;
          if (!(near.get(held)! <= luma)) near.set(held, luma);
          if (!(nearKey.get(held)! <= bits)) nearKey.set(held, bits);
        },
        rule.hash,
        rule.radius,
      );
      let tried: Iterable<[Held<T>, number]> = near;
      if (rule.candidates !== undefined && near.size > rule.candidates)
        tried = [...near].sort(([a], [b]) => nearKey.get(a)! - nearKey.get(b)! || a.seq - b.seq).slice(0, rule.candidates);
      let copy: AlignedCopy | undefined;
      for (const [held, distance] of tried) {
        const limit = rule.colour - rule.colourPerBit * distance;
        copy ??= new AlignedCopy(grid);
        const estimate = estimateWindow(held.print, copy, rule.reject);
        if (estimate.error > rule.profile) continue;
        if (alignedDistance(held.print, copy.at(estimate.window), rule.start) > rule.start) continue;
        const fit = refineWindow(held.print, copy, estimate.window, rule.coarse, [0.01, 0.005, 0.0025]);
        if (fit.colour > limit) continue;
        const score = distance + fit.colour;
        if (!best || score < best.score || (score === best.score && held.seq < best.seq))
          best = { value: held.value, hash: distance, colour: fit.colour, mirrored: false, window: fit.window, seq: held.seq, score };
      }
    }
    return best && { value: best.value, hash: best.hash, colour: best.colour, mirrored: false, window: best.window };
  }
}

/** "perceptual match: hash 3/64 bits, colour 1.2/255 after tone fit, mirrored": what a decision's detail says. */
export function describeMatch(m: Match<unknown>): string {
  const pct = (a: number) => Math.round(a * 100);
  const w = m.window;
  const crop = w ? `, cropped (the copy shows ${pct(w[0])}–${pct(w[1])} % × ${pct(w[2])}–${pct(w[3])} % of it)` : '';
  return `perceptual match: hash ${m.hash}/64 bits, colour ${m.colour.toFixed(1)}/255 after tone fit${m.mirrored ? ', mirrored' : ''}${crop}`;
}
