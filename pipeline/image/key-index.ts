// Near-neighbour index over wide bit keys (a few 32-bit words) by Hamming distance: multi-index hashing, one table per 16-bit chunk.
// Two keys within r bits in all share at least one chunk within floor(r / chunks) bits (pigeonhole), so a query probes
// every chunk value that close in each chunk's table and then counts the bits of the whole key. Same layout as
// hamming-index.ts (flat bucket heads, entries chained through typed arrays), for keys wider than 64 bits.
import { BUCKETS, masks, pop32, widened } from './hamming-index.js';

export class KeyIndex<T> {
  size = 0;
  private readonly tables: number;
  private heads: Int32Array | undefined;
  private next = new Int32Array(0);
  private keys = new Int32Array(0);
  private seen = new Int32Array(0);
  private values: T[] = [];
  private query = 0;

  /** `words`: 32-bit words a key has. */
  constructor(private readonly words: number) {
    this.tables = words * 2;
  }

  /** Adds the key at `key[offset … offset + words)`. */
  add(key: Int32Array, offset: number, value: T): void {
    const e = this.size++;
    const { words, tables } = this;
    if (e === this.seen.length) this.grow();
    const heads = (this.heads ??= new Int32Array(tables * BUCKETS));
    for (let w = 0; w < words; w++) this.keys[e * words + w] = key[offset + w]!;
    this.values.push(value);
    for (let t = 0; t < tables; t++) {
      const b = t * BUCKETS + chunkOf(key, offset, t);
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
   * the bits that differ in its first two words (`lead`), in no particular order; only entries whose first two words
   * differ by at most `leadMax` bits.
   */
  each(key: Int32Array, offset: number, maxDistance: number, visit: (value: T, distance: number, lead: number) => void, leadMax = 64): void {
    const heads = this.heads;
    if (!heads || maxDistance < 0) return;
    const { words, tables, next, keys, seen } = this;
    const ms = masks(Math.floor(maxDistance / tables));
    const q = ++this.query;
    const k0 = key[offset]!;
    const k1 = key[offset + 1]!;
    for (let t = 0; t < tables; t++) {
      const c = chunkOf(key, offset, t);
      const base = t * BUCKETS;
      for (let m = 0; m < ms.length; m++)
        for (let k = heads[base + (c ^ ms[m]!)]!; k !== 0; k = next[(k - 1) * tables + t]!) {
          const e = k - 1;
          if (seen[e] === q) continue;
          seen[e] = q;
          const o = e * words;
          const lead = pop32(keys[o]! ^ k0) + pop32(keys[o + 1]! ^ k1);
          if (lead > leadMax) continue;
          let d = lead;
          for (let w = 2; w < words; w++) d += pop32(keys[o + w]! ^ key[offset + w]!);
          if (d <= maxDistance) visit(this.values[e]!, d, lead);
        }
    }
  }
}

/** The 16-bit chunk `t` of the key at `offset` (two a word, low half first). */
const chunkOf = (key: Int32Array, offset: number, t: number) => (t & 1 ? key[offset + (t >> 1)]! >>> 16 : key[offset + (t >> 1)]! & 0xffff);
