// Sharding by item id: `--shard k/N` parsing and the stable id → shard hash (first 4 bytes of SHA-256, big-endian, mod N).
import { createHash } from 'node:crypto';
import { CliError } from '../util/cli-error.js';

export interface ShardSpec {
  k: number;
  n: number;
}

export const SHARD_HASH = 'sha256(id)[0..4] as uint32 big-endian mod n' as const;

/** The shard an item id belongs to: the same id always lands in the same shard, whatever the machine. */
export function shardOf(id: string, n: number): number {
  return createHash('sha256').update(id, 'utf8').digest().readUInt32BE(0) % n;
}

/** Parses `k/N` (0 ≤ k < N, N ≥ 1, whole numbers); anything else is a one-line CliError. */
export function parseShard(text: string): ShardSpec {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  if (!m) throw new CliError(`--shard must look like k/N (e.g. 0/3), got "${text}"`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1) throw new CliError(`--shard ${text}: N must be at least 1`);
  if (k >= n) throw new CliError(`--shard ${text}: k must be between 0 and N-1 (${n - 1})`);
  return { k, n };
}
