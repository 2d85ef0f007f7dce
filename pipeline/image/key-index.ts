// Near-neighbour index over wide bit keys (a few 32-bit words) by Hamming distance: multi-index hashing, one table per chunk of bits.
// Two keys within r bits in all share at least one chunk within floor(r / chunks) bits (pigeonhole), so a query that
// must find everything probes every chunk value that close in each chunk's table and then counts the bits of the whole
// key; a query may also probe fewer (`radius`), trading what it finds for speed. A bucket keeps its entries' whole keys
// in blocks, each twice the size of the one before (up to LAST_BLOCK entries), so a look-up reads a few contiguous
// blocks per bucket rather than one scattered entry at a time (a dedup look-up scans about a thousand entries: chasing
// them through memory cost more than comparing them). An entry is in one bucket per table; one that an earlier table's
// probes also reach (its chunk there as close) is recognised from its key and passed over, so nothing is marked seen.
import { masks, pop32, widened } from './hamming-index.js';

export interface KeyLayout {
  /** 32-bit words a key has. */
  words: number;
  /** Bits a chunk has (at most 16), and bits of the key cut into chunks from bit 0 on (the rest count in distances only). */
  chunk: number;
  bits: number;
  /** Per word, the bits that count as the key's lead (the `lead` a query is told and may limit): in the first two words. */
  lead: Int32Array;
}

/** `words` words of 16-bit chunks, a chunk per half word, the first two words the lead. */
export const wordLayout = (words: number): KeyLayout => ({ words, chunk: 16, bits: words * 32, lead: Int32Array.from({ length: words }, (_, w) => (w < 2 ? -1 : 0)) });

/** Entries a bucket's first block holds; each further block twice the one before, up to LAST_BLOCK. */
const FIRST_BLOCK = 4;
const LAST_BLOCK = 256;

export class KeyIndex<T> {
  size = 0;
  private readonly tables: number;
  private readonly words: number;
  private readonly chunk: number;
  private readonly lead: Int32Array;
  /** Ints an entry takes in a block (its number, then its key); a block is next block, count, capacity, entries. */
  private readonly stride: number;
  /** Per table and chunk value, the bucket's newest block (an offset in `blocks`; 0: empty). */
  private heads: Int32Array | undefined;
  private blocks = new Int32Array(0);
  /** Ints of `blocks` in use (offset 0 is never a block). */
  private used = 1;
  private values: T[] = [];
  private readonly xor: Int32Array;

  constructor(layout: KeyLayout) {
    if (layout.chunk < 1 || layout.chunk > 16 || layout.bits > layout.words * 32) throw new Error('KeyIndex: chunks of 1–16 bits within the key');
    if (layout.words < 2 || layout.lead.some((m, w) => w >= 2 && m !== 0)) throw new Error('KeyIndex: a lead within the first two of at least two words');
    this.words = layout.words;
    this.chunk = layout.chunk;
    this.lead = layout.lead;
    this.tables = Math.floor(layout.bits / layout.chunk);
    this.stride = 1 + layout.words;
    this.xor = new Int32Array(layout.words);
  }

  /** Adds the key at `key[offset … offset + words)`. */
  add(key: Int32Array, offset: number, value: T): void {
    const e = this.size++;
    const { words, tables, chunk, stride } = this;
    this.values.push(value);
    const heads = (this.heads ??= new Int32Array(tables << chunk));
    for (let t = 0; t < tables; t++) {
      const b = (t << chunk) + chunkAt(key, offset, t * chunk, chunk);
      let p = heads[b]!;
      if (p === 0) heads[b] = p = this.block(0, FIRST_BLOCK);
      else if (this.blocks[p + 1] === this.blocks[p + 2]) heads[b] = p = this.block(p, Math.min(LAST_BLOCK, 2 * this.blocks[p + 2]!));
      const blocks = this.blocks;
      const o = p + 3 + blocks[p + 1]! * stride;
      blocks[p + 1] = blocks[p + 1]! + 1;
      blocks[o] = e;
      for (let w = 0; w < words; w++) blocks[o + 1 + w] = key[offset + w]!;
    }
  }

  /** A new empty block of `capacity` entries whose next is `next`. */
  private block(next: number, capacity: number): number {
    const ints = 3 + capacity * this.stride;
    if (this.used + ints > this.blocks.length) this.blocks = widened(this.blocks, Math.max(1024, Math.ceil(this.blocks.length * 1.5), this.used + ints));
    const p = this.used;
    this.used += ints;
    this.blocks[p] = next;
    this.blocks[p + 1] = 0;
    this.blocks[p + 2] = capacity;
    return p;
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
    const { words, tables, chunk, stride, blocks, xor, values, lead } = this;
    const k0 = key[offset]!;
    const k1 = key[offset + 1]!;
    const m0 = lead[0]!;
    const m1 = lead[1]!;
    const ms = masks(Math.min(radius, chunk));
    const outside = -1 << chunk;
    for (let t = 0; t < tables; t++) {
      const c = chunkAt(key, offset, t * chunk, chunk);
      const base = t << chunk;
      for (let m = 0; m < ms.length; m++) {
        if (ms[m]! & outside) continue;
        for (let p = heads[base + (c ^ ms[m]!)]!; p !== 0; p = blocks[p]!) {
          const end = p + 3 + blocks[p + 1]! * stride;
          for (let o = p + 3; o < end; o += stride) {
            // The lead first: most entries a look-up scans differ there by more than it takes.
            const x0 = blocks[o + 1]! ^ k0;
            const x1 = blocks[o + 2]! ^ k1;
            const lead = pop32(x0 & m0) + pop32(x1 & m1);
            if (lead > leadMax) continue;
            let d = pop32(x0) + pop32(x1);
            for (let w = 2; w < words; w++) d += pop32(blocks[o + 1 + w]! ^ key[offset + w]!);
            if (d > maxDistance) continue;
            for (let w = 0; w < words; w++) xor[w] = blocks[o + 1 + w]! ^ key[offset + w]!;
            let earlier = false;
            for (let s = 0; s < t && !earlier; s++) earlier = pop32(chunkAt(xor, 0, s * chunk, chunk)) <= radius;
            if (!earlier) visit(values[blocks[o]!]!, d, lead);
          }
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
