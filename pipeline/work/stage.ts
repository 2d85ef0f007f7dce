// The one interface every pipeline stage implements, and the work item that flows through the stages.
import type { DedupCandidate, Reason, ReasonCode, Release, ReleaseSource, Licence, Safety, ImageFormat, SignalCheck } from '../catalog/index.js';
import type { SourceItem } from '../sources/source.js';
import type { Cache } from '../store/cache.js';
import type { FileStore } from '../store/file-store.js';

export interface ImageFacts {
  /** SHA-256 of the source image bytes as fetched. */
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  format: ImageFormat;
  /** 64-bit perceptual hash, 16 hex digits. */
  phash: string;
  /** Perceptual fingerprint, `pid1:` text (pipeline/image/identity-format.ts). */
  fingerprint?: string;
  /** The fetched bytes; kept while the item is in flight, dropped before emit. */
  data?: Buffer;
  /** Response headers when fetched over http(s), lower-cased names. */
  headers?: Record<string, string>;
  /** Raw embedded metadata read before it is stripped (for opt-out and licence checks). */
  exif?: Buffer;
  xmp?: Buffer;
  iptc?: Buffer;
}

export interface WorkItem {
  /** Position of the input record across all sources (0-based); decisions are written in this order. */
  index: number;
  id: string;
  source: ReleaseSource;
  item: SourceItem;
  reasons: Reason[];
  rights?: { licence: Licence; priceMicros: number; rightsHolder?: string; assertedBy: NonNullable<SourceItem['assertedBy']> };
  image?: ImageFacts;
  safety?: Safety;
  models: Record<string, string>;
  files?: Record<string, string> & { original: string; thumb: string };
  placeholder?: string;
  /** Shard builds: what the deferred dedup stage saw, for `clearance merge` to judge across shards. */
  dedup?: DedupCandidate;
  /** Held items: key of the private review thumbnail (`review-thumb/…`), when the image could be read. */
  reviewThumb?: string;
  /** The opt-out signals checked for this item and what each said (the optout and content-signals stages; signals.jsonl). */
  signals?: SignalCheck[];
}

export interface StageContext {
  releaseDir: string;
  release: Release;
  /** The output directory being written (a temp dir renamed into place at the end). */
  outDir: string;
  cache: Cache;
  files: FileStore;
  concurrency: number;
  /** ISO time of this run. */
  now: string;
  log: (line: string) => void;
}

/**
 * A stage. `process` runs once per item still in the running; it records outcomes with `addReason`
 * and never throws for a bad item (a throw is caught by the runner and logged as an internal error).
 * - runsOn 'candidate': items not yet rejected; 'accepted': items with no rejection and no review reason.
 * - ordered: items reach `process` strictly in input order (e.g. dedup keeps the first of duplicates).
 */
export interface Stage {
  name: string;
  /** Bump when the stage's output for the same input changes; part of every cache key the stage uses. */
  version: string;
  runsOn: 'candidate' | 'accepted';
  /** Runs on an item `runsOn` would skip when this says so (the image and dedup stages: opted-out items, whose
   *  perceptual identity keeps their edited copies out). */
  alsoRunsOn?(item: WorkItem): boolean;
  ordered?: boolean;
  setup?(ctx: StageContext): Promise<void>;
  process(item: WorkItem, ctx: StageContext): Promise<void>;
  teardown?(ctx: StageContext): Promise<void>;
  /** Extra figures for report.json (e.g. score histograms), gathered after the run. */
  stats?(): Record<string, unknown>;
}

export function addReason(item: WorkItem, code: ReasonCode, detail: string): void {
  item.reasons.push({ code, detail });
}
