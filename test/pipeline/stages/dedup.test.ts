// Unit tests of the dedup stage and its Hamming index: exact and near duplicates, the first in input order stays.
import { describe, expect, it } from 'vitest';
import { dedupStage, NEAR_DUPLICATE } from '../../../pipeline/stages/dedup.js';
import { HammingIndex } from '../../../pipeline/image/hamming-index.js';
import type { IdentityRule } from '../../../pipeline/image/identity-index.js';
import { hamming } from '../../../pipeline/image/phash.js';
import { prng } from '../../../pipeline/util/prng.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';

const ctx = {} as StageContext;

function item(index: number, sha: string, phash: string): WorkItem {
  return {
    index,
    id: `t:${index}`,
    source: { name: 't', adapter: 'manifest', path: 'm.jsonl' },
    item: { id: `t:${index}`, foreignId: String(index), image: 'x', tags: [], metadataSha256: '0'.repeat(64) },
    reasons: [],
    models: {},
    image: { sha256: sha.repeat(64).slice(0, 64), bytes: 1, width: 100, height: 100, format: 'png', phash },
  };
}

/** Flips the lowest `bits` bits of a hash. */
function flip(hash: string, bits: number): string {
  const v = BigInt(`0x${hash}`) ^ ((1n << BigInt(bits)) - 1n);
  return v.toString(16).padStart(16, '0');
}

function randomHash(r: () => number): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

const GREY = new Uint8Array(768).fill(128);
const RED = new Uint8Array(768).fill(0).map((_, i) => (i % 3 === 0 ? 220 : 30));
const SLIGHTLY = GREY.map((v, i) => v + (i % 2 ? 3 : -3));

/** The stage, with each item's identity: its phash as the fingerprint's hash (mirror: the bits inverted), `prints` its print. */
function stageWith(prints: Map<WorkItem, Uint8Array>, rule?: IdentityRule) {
  const inverted = (h: string) => h.replace(/./g, (c) => (15 - parseInt(c, 16)).toString(16));
  return dedupStage({ rule, identityOf: (w) => (prints.get(w) ? { fingerprint: { hash: w.image!.phash, print: prints.get(w)! }, mirrorHash: inverted(w.image!.phash) } : undefined) });
}

describe('dedup stage', () => {
  it('rejects exact copies and confirmed near duplicates, keeps the first and distinct images', async () => {
    const prints = new Map<WorkItem, Uint8Array>();
    const stage = stageWith(prints);
    await stage.setup?.(ctx);
    const base = 'f0f0f0f0a5a5a5a5';
    const max = NEAR_DUPLICATE.hash;
    const items: [WorkItem, Uint8Array][] = [
      [item(0, 'a', base), GREY],
      [item(1, 'a', base), GREY], // same bytes
      [item(2, 'b', flip(base, max)), SLIGHTLY], // hash at the threshold, colours within it
      [item(3, 'c', flip(base, 2)), RED], // same layout, other colours: a different picture
      [item(4, 'd', flip(base, max + 1)), GREY], // hash just beyond the threshold
      [item(5, 'e', '0123456789abcdef'), GREY], // unrelated
    ];
    for (const [w, p] of items) prints.set(w, p);
    for (const [w] of items) await stage.process(w, ctx);
    expect(items.map(([w]) => w.reasons[0]?.code)).toEqual([undefined, 'image.duplicate', 'image.near-duplicate', undefined, undefined, undefined]);
    expect(items[1]![0].reasons[0]!.detail).toContain('t:0');
    expect(items[2]![0].reasons[0]!.detail).toContain('t:0');
    expect(stage.stats?.()).toMatchObject({ kept: 4, duplicates: 1, nearDuplicates: 1 });
  });

  it('points a near duplicate at the closest kept image, and rejected items do not become references', async () => {
    const prints = new Map<WorkItem, Uint8Array>();
    const stage = stageWith(prints, { ...NEAR_DUPLICATE, hash: 4 });
    await stage.setup?.(ctx);
    const a = item(0, 'a', '0000000000000000');
    const b = item(1, 'b', flip('0000000000000000', 2));
    const c = item(2, 'c', flip('0000000000000000', 3)); // 1 from b, 3 from a
    const d = item(3, 'd', flip('0000000000000000', 6)); // 3 from c (rejected), 4 from b: near b
    prints.set(a, RED).set(b, GREY).set(c, GREY).set(d, GREY);
    for (const w of [a, b, c, d]) await stage.process(w, ctx);
    expect(b.reasons).toEqual([]); // close hash but other colours than a
    expect(c.reasons[0]!.detail).toMatch(/^looks like t:1 \(perceptual match: hash 1\/64 bits/);
    expect(d.reasons[0]!.detail).toMatch(/^looks like t:1 \(perceptual match: hash 4\/64 bits/);
  });
});

describe('HammingIndex', () => {
  it('finds the same nearest neighbour as a linear scan', () => {
    const r = prng(7);
    const tree = new HammingIndex<number>();
    const all: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const h = randomHash(r);
      all.push(h);
      tree.add(h, i);
    }
    for (let q = 0; q < 200; q++) {
      const probe = q % 2 ? flip(all[q * 7]!, q % 9) : randomHash(r);
      for (const max of [4, 10, 20]) {
        let best: { i: number; d: number } | undefined;
        all.forEach((h, i) => {
          const d = hamming(h, probe);
          if (d <= max && (!best || d < best.d)) best = { i, d };
        });
        const got = tree.nearest(probe, max);
        expect(got?.distance).toBe(best?.d);
        expect(got?.value).toBe(best?.i);
        const all_ = tree.within(probe, max);
        expect(all_.length).toBe(all.filter((h) => hamming(h, probe) <= max).length);
        expect(all_[0]?.value).toBe(best?.i);
      }
    }
  });
});
