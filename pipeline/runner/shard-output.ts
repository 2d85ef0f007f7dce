// A shard build's bookkeeping: which input entries are its own (by id hash), their input positions, and shard.json.
import { readRegular } from '../util/read-regular.js';
import { join } from 'node:path';
import type { DedupCandidate, Release, ShardItem, ShardManifest } from '../catalog/index.js';
import { sha256Hex } from '../util/hash.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { SHARD_HASH, shardOf, type ShardSpec } from './shard.js';

export class ShardTracker {
  /** Input entries seen in the whole release (every shard reads every source). */
  total = 0;
  /** Entries kept by this build (all of them without a shard). */
  kept = 0;
  readonly sources: ShardManifest['sources'] = [];

  constructor(readonly spec: ShardSpec | undefined) {}

  /** Call once per input entry in input order: its position in this build's outputs, or undefined when another shard owns it. */
  take(source: string, id: string): number | undefined {
    const last = this.sources.at(-1);
    if (last?.name === source) last.to = this.total + 1;
    else this.sources.push({ name: source, from: this.total, to: this.total + 1 });
    this.total++;
    if (this.spec && shardOf(id, this.spec.n) !== this.spec.k) return undefined;
    return this.kept++;
  }
}

/** The shard-items.jsonl line of one item. */
export function shardItemLine(index: number, dedup: DedupCandidate | undefined, files: string[] | undefined): string {
  const line: ShardItem = { index, ...(dedup ? { dedup } : {}), ...(files ? { files } : {}) };
  return JSON.stringify(line);
}

export async function writeShardManifest(dir: string, tracker: ShardTracker, release: Release, releaseDir: string): Promise<void> {
  const spec = tracker.spec!;
  const manifest: ShardManifest = {
    k: spec.k,
    n: spec.n,
    hash: SHARD_HASH,
    release: release.name,
    releaseDir,
    releaseSha256: sha256Hex(await readRegular(join(releaseDir, 'release.json'))),
    total: tracker.total,
    items: tracker.kept,
    sources: tracker.sources,
  };
  await writeFileAtomic(join(dir, 'shard.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
