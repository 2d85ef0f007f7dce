// The evidence hash changes when anything a moderator's decision rests on changes, and only then.
import { describe, expect, it } from 'vitest';
import { evidenceHash, evidenceOf, type EvidenceInput } from '../../../pipeline/moderation/evidence-hash.js';
import type { WorkItem } from '../../../pipeline/work/stage.js';

const base: EvidenceInput = {
  id: 'wikimedia:123',
  licence: 'pd',
  sourceLicence: null,
  assertedBy: 'third-party',
  sourceAssertedBy: null,
  sourceUrl: 'https://commons.wikimedia.org/wiki/File:X.jpg',
  rightsHolder: null,
  originalMetadataSha256: 'a'.repeat(64),
  sha256: 'b'.repeat(64),
  reviewCodes: ['licence.pd-unmarked', 'licence.third-party-assertion'],
};

describe('evidenceHash', () => {
  it('is 64 hex digits and stable for the same evidence', () => {
    expect(evidenceHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(evidenceHash({ ...base })).toBe(evidenceHash(base));
  });

  it('ignores the order and repeats of the review codes', () => {
    expect(evidenceHash({ ...base, reviewCodes: ['licence.third-party-assertion', 'licence.pd-unmarked', 'licence.pd-unmarked'] })).toBe(evidenceHash(base));
  });

  it('changes when any input it covers changes', () => {
    const changes: Partial<EvidenceInput>[] = [
      { id: 'wikimedia:124' },
      { licence: 'PD' },
      { licence: null },
      { sourceLicence: 'pd' },
      { assertedBy: 'creator' },
      { assertedBy: null },
      { sourceAssertedBy: 'third-party' },
      { sourceUrl: 'https://commons.wikimedia.org/wiki/File:Y.jpg' },
      { sourceUrl: null },
      { rightsHolder: 'someone' },
      { originalMetadataSha256: 'c'.repeat(64) },
      { sha256: 'd'.repeat(64) },
      { sha256: null },
      { reviewCodes: ['licence.pd-unmarked'] },
      { reviewCodes: ['licence.pd-unmarked', 'licence.third-party-assertion', 'licence.conflict'] },
    ];
    const hashes = changes.map((c) => evidenceHash({ ...base, ...c }));
    for (const [i, h] of hashes.entries()) expect(h, JSON.stringify(changes[i])).not.toBe(evidenceHash(base));
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('does not confuse a value moving between fields', () => {
    expect(evidenceHash({ ...base, licence: null, sourceLicence: 'pd' })).not.toBe(evidenceHash({ ...base, licence: 'pd', sourceLicence: null }));
  });

  it('reads a work item: its statements, image and review codes only (hints and titles do not count)', () => {
    const work: WorkItem = {
      index: 0,
      id: 'wikimedia:123',
      source: { name: 'wikimedia', adapter: 'wikimedia', path: 'x' },
      item: { id: 'wikimedia:123', foreignId: '123', image: 'i.jpg', title: 'A title', tags: [], licence: 'pd', assertedBy: 'third-party', sourceUrl: base.sourceUrl!, metadataSha256: 'a'.repeat(64) },
      reasons: [
        { code: 'licence.third-party-assertion', detail: 'x' },
        { code: 'licence.pd-unmarked', detail: 'y' },
        { code: 'licence.pd-by-age', detail: 'hint' },
      ],
      models: {},
      image: { sha256: 'b'.repeat(64), bytes: 1, width: 1, height: 1, format: 'jpeg', phash: '0'.repeat(16) },
    };
    expect(evidenceHash(evidenceOf(work))).toBe(evidenceHash(base));
    expect(evidenceHash(evidenceOf({ ...work, item: { ...work.item, title: 'Another title' } }))).toBe(evidenceHash(base));
  });
});
