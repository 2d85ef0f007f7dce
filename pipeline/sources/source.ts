// The one interface every source adapter implements: a release source in, normalised items out (errors as data).
import type { AssertedBy, Release, ReleaseSource } from '../catalog/index.js';

/** An item as a source states it, normalised across adapters. */
export interface SourceItem {
  /** `<source name>:<foreign id>` */
  id: string;
  foreignId: string;
  /** Relative path inside the release directory, or an http(s) URL. */
  image: string;
  title?: string;
  creator?: string;
  description?: string;
  date?: string;
  tags: string[];
  /** The licence exactly as this record states it (URL, name or free text); undefined when it states none. */
  licence?: string;
  /** Landing page of the work at the provider. */
  sourceUrl?: string;
  creatorDeathYear?: number;
  assertedBy?: AssertedBy;
  rightsHolder?: string;
  priceMicros?: number;
  /** SHA-256 (hex) of the original metadata record, byte for byte as read. */
  metadataSha256: string;
  /** When the record was retrieved or last updated, as the record itself says (ISO 8601); absent → SourceContext.retrievedAt. */
  retrievedAt?: string;
  /** Adapter-specific facts the rights stage may use (e.g. Met's isPublicDomain, Wikimedia's uploader). */
  extra?: Record<string, unknown>;
  /** The source record as read (parsed JSON), shown to moderators when the item is held for review. */
  record?: unknown;
}

/** What an adapter yields for each input record, in input order: an item or a reason it is unusable. */
export type SourceEntry =
  | { ok: true; item: SourceItem }
  | { ok: false; id: string; detail: string };

export interface SourceContext {
  releaseDir: string;
  release: Release;
  /** ISO time the release was read; used as retrievedAt when a record carries none. */
  retrievedAt: string;
}

export interface SourceAdapter {
  name: string;
  /** Reads every record of the source in order; never throws for a bad record (yields `ok: false`). */
  read(source: ReleaseSource, ctx: SourceContext): AsyncIterable<SourceEntry>;
}
