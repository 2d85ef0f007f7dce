// Schemas of a shard build's extra outputs (shard.json, shard-items.jsonl): what `clearance merge` needs beyond the normal outputs.
import { z } from 'zod';
import { Reason } from './decision.js';
import { FingerprintText } from './identity.js';

/** `shard.json`: which shard this is, of which release, and where the release's sources sit in input order. */
export const ShardManifest = z.object({
  /** 0 ≤ k < n. */
  k: z.number().int().min(0),
  n: z.number().int().min(1),
  /** How an item id maps to a shard (see pipeline/runner/shard.ts). */
  hash: z.literal('sha256(id)[0..4] as uint32 big-endian mod n'),
  release: z.string(),
  releaseDir: z.string(),
  /** SHA-256 of release.json as read: every shard of one merge must have read the same release. */
  releaseSha256: z.string(),
  /** Input items in the whole release (all shards); this shard's decisions are a subset of 0..total-1. */
  total: z.number().int().min(0),
  /** Items in this shard (lines of decisions.jsonl and shard-items.jsonl). */
  items: z.number().int().min(0),
  /** Each source's range of input positions [from, to) in the whole release. */
  sources: z.array(z.object({ name: z.string(), from: z.number().int(), to: z.number().int() })),
});
export type ShardManifest = z.infer<typeof ShardManifest>;

/** What the dedup stage saw of an item in a shard build (judged later, across shards, by the merge). */
export const DedupCandidate = z.object({
  sha256: z.string(),
  phash: z.string(),
  /** Colour fingerprint (base64) of the rule before perceptual identity; no longer written. */
  print: z.string().optional(),
  /** Perceptual fingerprint and the rest of what it is looked up by (mirror hash; the framed picture's fingerprint
   *  and mirror hash when it has borders): pipeline/image/identity-format.ts. Absent when the image stage gave none. */
  fingerprint: FingerprintText.optional(),
  lookup: z.string().optional(),
  /** The item's reasons when it reached dedup (a demoted item's decision is these plus the dedup reason). */
  reasons: z.array(Reason),
});
export type DedupCandidate = z.infer<typeof DedupCandidate>;

/** One line of `shard-items.jsonl`, in the order of the shard's decisions.jsonl. */
export const ShardItem = z.object({
  /** Input position in the whole release. */
  index: z.number().int().min(0),
  dedup: DedupCandidate.optional(),
  /** Keys under files/ this build placed for the item (the merge publishes them unless it demotes the item). */
  files: z.array(z.string()).optional(),
});
export type ShardItem = z.infer<typeof ShardItem>;
