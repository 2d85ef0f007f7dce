// What a module of the sample release contributes: items (each with the decision it must get) and extra files.
import type { ManifestItem, Release, ReasonCode, ReviewDecision } from '../catalog/index.js';

/** An image the generator draws with sharp (deterministic for a seed). */
export interface DrawnImage {
  format: 'jpeg' | 'png' | 'webp';
  width: number;
  height: number;
  seed: number;
  /** XMP packet to embed (e.g. a licence or plus:DataMining). */
  xmp?: string;
  /** Embed EXIF with a GPS position (must never be published). */
  exifGps?: boolean;
}

export interface SampleCase {
  /** The manifest line; `image` is filled in by the generator when `picture` is given. */
  item: Partial<ManifestItem> & { id: string };
  /** Source name in release.json this line goes to (default "sample"). */
  source?: string;
  picture?: DrawnImage | { bytes: Buffer; ext: string };
  /** A raw manifest line written as is (malformed input). */
  rawLine?: string;
  /** The main reason code the item's decision must have. */
  expect: ReasonCode;
  /** A moderator's decision on this (held) item, written to the release's reviews file bound to its evidence hash. */
  moderator?: SampleModeration;
}

export interface SampleModeration extends Omit<ReviewDecision, 'id' | 'evidenceHash'> {
  /** The review codes the pipeline holds the item for (part of the evidence hash). */
  held: ReasonCode[];
  /** Bind the decision to an earlier version of the record (another title): it no longer applies. */
  stale?: boolean;
}

export interface SampleCaseSet {
  cases: SampleCase[];
  /** Extra files written into the release directory (relative path → contents). */
  files?: Record<string, string | Buffer>;
  /** release.json fields merged in (optOut dirs, rightsHolders, withdrawals, fetched, extra sources). */
  release?: Partial<Release>;
}

/** A case module: deterministic for its arguments. */
export type CaseModule = (opts: { count: number }) => Promise<SampleCaseSet>;
