// Near-neighbour index over wide bit keys (a few 32-bit words) by Hamming distance: multi-index hashing, one table per chunk of bits.
// Two keys within r bits in all share at least one chunk within floor(r / chunks) bits (pigeonhole), so a query that
// must find everything probes every chunk value that close in each chunk's table and then counts the bits of the whole
// key; a query may also probe fewer (`radius`), trading what it finds for speed. Same layout as hamming-index.ts (flat
// bucket heads, entries chained through typed arrays), for keys wider than 64 bits.
import { masks, pop32, widened } from './hamming-index.js';

export interface KeyLayout {
  /** 32-bit words a key has. */
  words: number;
  /** Bits a chunk has (at most 16), and bits of the key cut into chunks from bit 0 on (the rest count in distances only). */
  chunk: number;
  bits: number;
  /** Per word, the bits that count as the key's lead (the `lead` a query is told and may limit). */
  lead: Int32Array;
}

/** `words` words of 16-bit chunks, a chunk per half word, the first two words the lead. */
export const wordLayout = (words: number): KeyLayout => ({ words, chunk: 16, bits: words * 32, lead: Int32Array.from({ length: words }, (_, w) => (w < 2 ? -1 : 0)) });

export class KeyIndex<T> {
  size = 0;
  readonly tables: number;
  private readonly words: number;
  private readonly chunk: number;
  private readonly lead: Int32Array;
  private heads: Int32Array | undefined;
  private next = new Int32Array(0);
  private keys = new Int32Array(0);
  private seen = new Int32Array(0);
  private values: T[] = [];
  private query = 0;

  constructor(layout: KeyLayout) {
    if (layout.chunk < 1 || layout.chunk > 16 || layout.bits > layout.words * 32) throw new Error('KeyIndex: chunks of 1–16 bits within the key');
    this.words = layout.words;
    this.chunk = layout.chunk;
    this.lead = layout.lead;
    this.tables = Math.floor(layout.bits / layout.chunk);
  }

  /** Adds the key at `key[offset … offset + words)`. */
  add(key: Int32Array, offset: number, value: T): void {
    const e = this.size++;
    const { words, tables, chunk } = this;
    if (e === this.seen.length) this.grow();
    const heads = (this.heads ??= new Int32Array(tables << chunk));
    for (let w = 0; w < words; w++) this.keys[e * words + w] = key[offset + w]!;
    this.values.push(value);
    for (let t = 0; t < tables; t++) {
      const b = (t << chunk) + chunkAt(key, offset, t * chunk, chunk);
      this.next[e * tables + t] = heads[b]!;
      heads[b] = e + 1;
    }
  }

  private grow(): void {
    const capacity = Math.max(64, this.seen.length * 2);
    this.next = widened(this.next, capacity * this.tables);
    this.keys = widened(this.keys, capacity * this.words);
    this.seen = widened(this.seen, capacity);
  }

  /**
   * Calls `visit` once for every entry whose key is within `maxDistance` bits of the query's (at `key[offset…]`), with
   * the bits that differ in the lead (`lead`), in no particular order; only entries whose lead differs by at most
   * `leadMax` bits. `radius`: the chunk values probed, within that many bits of the query's; by default as many as
   * finds every entry within `maxDistance`, fewer finds only the entries that share a chunk that close.
   */
  each(
    key: Int32Array,
    offset: number,
    maxDistance: number,
    visit: (value: T, distance: number, lead: number) => void,
    leadMax = Infinity,
    radius = Math.floor(maxDistance / this.tables),
  ): void {
    const heads = this.heads;
    if (!heads || maxDistance < 0) return;
    const { words, tables, chunk, next, keys, seen, lead: leadMask } = this;
    const ms = masks(Math.min(radius, chunk));
    const outside = -1 << chunk;
    const q = ++this.query;
    for (let t = 0; t < tables; t++) {
      const c = chunkAt(key, offset, t * chunk, chunk);
      const base = t << chunk;
      for (let m = 0; m < ms.length; m++) {
        if (ms[m]! & outside) continue;
        for (let k = heads[base + (c ^ ms[m]!)]!; k !== 0; k = next[(k - 1) * tables + t]!) {
          const e = k - 1;
          if (seen[e] === q) continue;
          seen[e] = q;
          const o = e * words;
          let d = 0;
          let lead = 0;
          for (let w = 0; w < words; w++) {
            const x = keys[o + w]! ^ key[offset + w]!;
            d += pop32(x);
            lead += pop32(x & leadMask[w]!);
          }
          if (d <= maxDistance && lead <= leadMax) visit(this.values[e]!, d, lead);
        }
      }
    }
  }
}

/** The `bits` bits of the key at `offset` from bit `start` on (bit 0 the lowest of the first word), as a number. */
function chunkAt(key: Int32Array, offset: number, start: number, bits: number): number {
  const w = offset + (start >> 5);
  const b = start & 31;
  let v = key[w]! >>> b;
  if (b + bits > 32) v |= key[w + 1]! << (32 - b);
  return v & ((1 << bits) - 1);
}
