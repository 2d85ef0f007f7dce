// Near-neighbour index over 64-bit hashes (16 hex digits) by Hamming distance: multi-index hashing.
// The hash is cut into 4 16-bit chunks; two hashes within r bits share at least one chunk within floor(r/4) bits
// (pigeonhole), so a query probes every chunk value that close in each chunk's table, then checks full distance.

function pop32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Entry<T> {
  hash: string;
  value: T;
  hi: number;
  lo: number;
  seq: number;
  /** Id of the last query that looked at this entry (cheaper than a Set per query). */
  seen: number;
}

function chunks(hash: string): number[] {
  return [0, 4, 8, 12].map((i) => parseInt(hash.slice(i, i + 4), 16));
}

const MASKS = new Map<number, number[]>();

/** XOR masks of every 16-bit pattern with at most `r` bits set (memoised). */
function masks(r: number): number[] {
  let m = MASKS.get(r);
  if (!m) {
    const out: number[] = [];
    const rec = (x: number, start: number, left: number) => {
      out.push(x);
      if (left > 0) for (let b = start; b < 16; b++) rec(x | (1 << b), b + 1, left - 1);
    };
    rec(0, 0, r);
    MASKS.set(r, (m = out));
  }
  return m;
}

export class HammingIndex<T> {
  private tables = [new Map<number, Entry<T>[]>(), new Map<number, Entry<T>[]>(), new Map<number, Entry<T>[]>(), new Map<number, Entry<T>[]>()];
  size = 0;
  private query = 0;

  add(hash: string, value: T): void {
    const e: Entry<T> = { hash, value, hi: parseInt(hash.slice(0, 8), 16), lo: parseInt(hash.slice(8, 16), 16), seq: this.size++, seen: 0 };
    chunks(hash).forEach((c, i) => {
      const t = this.tables[i]!;
      const list = t.get(c);
      if (list) list.push(e);
      else t.set(c, [e]);
    });
  }

  /** Every entry within `maxDistance`, closest first (ties: the one added first). */
  within(hash: string, maxDistance: number): { value: T; hash: string; distance: number }[] {
    const hi = parseInt(hash.slice(0, 8), 16);
    const lo = parseInt(hash.slice(8, 16), 16);
    const r = Math.floor(maxDistance / 4);
    const q = ++this.query;
    const found: { e: Entry<T>; d: number }[] = [];
    const cs = chunks(hash);
    const ms = masks(r);
    for (let i = 0; i < 4; i++) {
      const table = this.tables[i]!;
      const c = cs[i]!;
      for (let m = 0; m < ms.length; m++) {
        const list = table.get(c ^ ms[m]!);
        if (!list) continue;
        for (let k = 0; k < list.length; k++) {
          const e = list[k]!;
          if (e.seen === q) continue;
          e.seen = q;
          const d = pop32(e.hi ^ hi) + pop32(e.lo ^ lo);
          if (d <= maxDistance) found.push({ e, d });
        }
      }
    }
    found.sort((a, b) => a.d - b.d || a.e.seq - b.e.seq);
    return found.map(({ e, d }) => ({ value: e.value, hash: e.hash, distance: d }));
  }

  /** The closest entry within `maxDistance` (ties: the one added first), or undefined. */
  nearest(hash: string, maxDistance: number): { value: T; hash: string; distance: number } | undefined {
    return this.within(hash, maxDistance)[0];
  }
}
