// BK-tree over 64-bit hashes (hex) with Hamming distance: near-neighbour lookups without comparing every pair.
import { hamming } from './phash.js';

interface Node<T> {
  hash: string;
  value: T;
  children: Map<number, Node<T>>;
  seq: number;
}

export class BkTree<T> {
  private root: Node<T> | undefined;
  size = 0;

  add(hash: string, value: T): void {
    const node: Node<T> = { hash, value, children: new Map(), seq: this.size };
    this.size++;
    if (!this.root) {
      this.root = node;
      return;
    }
    let cur = this.root;
    for (;;) {
      const d = hamming(cur.hash, hash);
      const next = cur.children.get(d);
      if (!next) {
        cur.children.set(d, node);
        return;
      }
      cur = next;
    }
  }

  /** The closest entry within `maxDistance` (ties: the one added first), or undefined. */
  nearest(hash: string, maxDistance: number): { value: T; hash: string; distance: number } | undefined {
    let best: Node<T> | undefined;
    let bestD = Infinity;
    const stack: Node<T>[] = this.root ? [this.root] : [];
    while (stack.length) {
      const node = stack.pop()!;
      const d = hamming(node.hash, hash);
      if (d <= maxDistance && (d < bestD || (d === bestD && node.seq < best!.seq))) {
        best = node;
        bestD = d;
      }
      for (const [k, child] of node.children) if (k >= d - maxDistance && k <= d + maxDistance) stack.push(child);
    }
    return best && { value: best.value, hash: best.hash, distance: bestD };
  }

  /** Every entry within `maxDistance`, closest first (ties: the one added first). */
  within(hash: string, maxDistance: number): { value: T; hash: string; distance: number }[] {
    const found: { node: Node<T>; d: number }[] = [];
    const stack: Node<T>[] = this.root ? [this.root] : [];
    while (stack.length) {
      const node = stack.pop()!;
      const d = hamming(node.hash, hash);
      if (d <= maxDistance) found.push({ node, d });
      for (const [k, child] of node.children) if (k >= d - maxDistance && k <= d + maxDistance) stack.push(child);
    }
    found.sort((a, b) => a.d - b.d || a.node.seq - b.node.seq);
    return found.map(({ node, d }) => ({ value: node.value, hash: node.hash, distance: d }));
  }
}
