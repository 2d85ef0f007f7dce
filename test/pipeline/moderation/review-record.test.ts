// The review record of a held item: evidence as stated, image facts when read, the source record kept up to 16 KiB.
import { describe, expect, it } from 'vitest';
import { decide, REVIEW_ORIGINAL_MAX } from '../../../pipeline/catalog/index.js';
import { evidenceHash, evidenceOf } from '../../../pipeline/moderation/evidence-hash.js';
import { toReviewRecord } from '../../../pipeline/moderation/review-record.js';
import type { WorkItem } from '../../../pipeline/work/stage.js';

const release = { name: 'r', sources: [{ name: 'met', adapter: 'met', path: 'x', licence: 'CC0', assertedBy: 'institution' as const }] };

function held(record: unknown, image = true): WorkItem {
  return {
    index: 0,
    id: 'met:1',
    source: release.sources[0]!,
    item: { id: 'met:1', foreignId: '1', image: 'https://images.metmuseum.org/1.jpg', tags: [], licence: 'Public Domain', metadataSha256: 'a'.repeat(64), record },
    reasons: [{ code: 'licence.conflict', detail: 'record says PD, source says CC0' }, { code: 'licence.pd-unmarked', detail: 'pd claim' }],
    models: {},
    ...(image ? { image: { sha256: 'b'.repeat(64), bytes: 10, width: 640, height: 480, format: 'jpeg' as const, phash: '0'.repeat(16) }, reviewThumb: `review-thumb/cc/${'c'.repeat(64)}.webp` } : {}),
  };
}

describe('toReviewRecord', () => {
  it('carries the statements, provenance, image facts, thumbnail and the evidence hash of the work item', () => {
    const work = held({ objectID: 1, isPublicDomain: true });
    const r = toReviewRecord(work, decide(work.id, work.reasons), release, '2026-11-01T00:00:00Z');
    expect(r).toMatchObject({
      id: 'met:1',
      source: 'met',
      title: '1',
      creator: null,
      sourceUrl: null,
      reasons: work.reasons,
      evidenceHash: evidenceHash(evidenceOf(work)),
      statement: { licence: 'Public Domain', sourceLicence: 'CC0', assertedBy: 'institution' },
      provenance: { release: 'r', adapter: 'met', foreignId: '1', retrievedAt: '2026-11-01T00:00:00Z', assertedBy: 'institution', imageUrl: 'https://images.metmuseum.org/1.jpg' },
      sha256: 'b'.repeat(64),
      width: 640,
      height: 480,
      format: 'jpeg',
      files: { reviewThumb: `review-thumb/cc/${'c'.repeat(64)}.webp` },
      original: { objectID: 1, isPublicDomain: true },
    });
  });

  it('leaves out image facts when the image was not read, and keeps a large record as a truncated string', () => {
    const big = { text: 'x'.repeat(40_000) };
    const work = held(big, false);
    const r = toReviewRecord(work, decide(work.id, work.reasons), release, '2026-11-01T00:00:00Z');
    expect(r.sha256).toBeUndefined();
    expect(r.files).toBeUndefined();
    expect(typeof r.original).toBe('string');
    expect(Buffer.byteLength(r.original as string)).toBeLessThanOrEqual(REVIEW_ORIGINAL_MAX);
    expect(r.original as string).toMatch(/^\{"text":"x+… \[truncated: 40011 bytes\]$/);
  });
});
