// Near-neighbour index over 64-bit hashes (16 hex digits) by Hamming distance: multi-index hashing.
// The hash is cut into 4 16-bit chunks; two hashes within r bits share at least one chunk within floor(r/4) bits
// (pigeonhole), so a query probes every chunk value that close in each chunk's table, then checks full distance.
// Each table is a flat array of 2^16 bucket heads with the entries chained through typed arrays: a probe of an empty
// bucket is one array read (a query within 10 bits probes 4 × 137 buckets), and an entry costs a few dozen bytes.

export function pop32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const MASKS = new Map<number, Int32Array>();

/** XOR masks of every 16-bit pattern with at most `r` bits set (memoised). */
export function masks(r: number): Int32Array {
  let m = MASKS.get(r);
  if (!m) {
    const out: number[] = [];
    const rec = (x: number, start: number, left: number) => {
      out.push(x);
      if (left > 0) for (let b = start; b < 16; b++) rec(x | (1 << b), b + 1, left - 1);
    };
    rec(0, 0, Math.min(r, 16));
    MASKS.set(r, (m = Int32Array.from(out)));
  }
  return m;
}

/** Bucket heads a table has: one per 16-bit chunk value. */
export const BUCKETS = 1 << 16;

/** A copy of `a` in a longer array of `n` entries (the rest 0). */
export function widened(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
const TABLES = 4;

/** The 16-bit chunk `t` (0–3, most significant first) of a hash held as two 32-bit halves. */
const chunk = (hi: number, lo: number, t: number) => (t === 0 ? hi >>> 16 : t === 1 ? hi & 0xffff : t === 2 ? lo >>> 16 : lo & 0xffff);

export class HammingIndex<T> {
  size = 0;
  /** Per table, per chunk value: 1 + the newest entry with that chunk (0: none). Made on the first add. */
  private heads: Int32Array | undefined;
  /** Per entry and table: 1 + the next older entry in the same bucket (0: none). */
  private next = new Int32Array(0);
  private hi = new Int32Array(0);
  private lo = new Int32Array(0);
  /** Id of the last query that looked at each entry (cheaper than a Set per query). */
  private seen = new Int32Array(0);
  private values: T[] = [];
  private hashes: string[] = [];
  private query = 0;

  add(hash: string, value: T): void {
    const e = this.size++;
    if (e === this.hi.length) this.grow();
    const heads = (this.heads ??= new Int32Array(TABLES * BUCKETS));
    const hi = parseInt(hash.slice(0, 8), 16) | 0;
    const lo = parseInt(hash.slice(8, 16), 16) | 0;
    this.hi[e] = hi;
    this.lo[e] = lo;
    this.values.push(value);
    this.hashes.push(hash);
    for (let t = 0; t < TABLES; t++) {
      const b = t * BUCKETS + chunk(hi, lo, t);
      this.next[e * TABLES + t] = heads[b]!;
      heads[b] = e + 1;
    }
  }

  private grow(): void {
    const capacity = Math.max(64, this.hi.length * 2);
    this.next = widened(this.next, capacity * TABLES);
    this.hi = widened(this.hi, capacity);
    this.lo = widened(this.lo, capacity);
    this.seen = widened(this.seen, capacity);
  }

  /** Calls `visit` once for every entry within `maxDistance`, in no particular order, with the entry's insertion
   *  number (0 for the first added: ties are broken by it). */
  each(hash: string, maxDistance: number, visit: (value: T, distance: number, seq: number) => void): void {
    const heads = this.heads;
    if (!heads || maxDistance < 0) return;
    const hi = parseInt(hash.slice(0, 8), 16) | 0;
    const lo = parseInt(hash.slice(8, 16), 16) | 0;
    const ms = masks(Math.floor(maxDistance / TABLES));
    const q = ++this.query;
    const { next, seen } = this;
    for (let t = 0; t < TABLES; t++) {
      const c = chunk(hi, lo, t);
      const base = t * BUCKETS;
      for (let m = 0; m < ms.length; m++) {
        for (let k = heads[base + (c ^ ms[m]!)]!; k !== 0; k = next[(k - 1) * TABLES + t]!) {
          const e = k - 1;
          if (seen[e] === q) continue;
          seen[e] = q;
          const d = pop32(this.hi[e]! ^ hi) + pop32(this.lo[e]! ^ lo);
          if (d <= maxDistance) visit(this.values[e]!, d, e);
        }
      }
    }
  }

  /** Every entry within `maxDistance`, closest first (ties: the one added first). */
  within(hash: string, maxDistance: number): { value: T; hash: string; distance: number }[] {
    const found: { e: number; d: number }[] = [];
    this.each(hash, maxDistance, (_, d, e) => found.push({ e, d }));
    found.sort((a, b) => a.d - b.d || a.e - b.e);
    return found.map(({ e, d }) => ({ value: this.values[e]!, hash: this.hashes[e]!, distance: d }));
  }

  /** The closest entry within `maxDistance` (ties: the one added first), or undefined. */
  nearest(hash: string, maxDistance: number): { value: T; hash: string; distance: number } | undefined {
    return this.within(hash, maxDistance)[0];
  }
}
