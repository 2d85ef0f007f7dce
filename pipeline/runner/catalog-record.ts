// Builds and validates the catalogue record (catalog.jsonl line) of an accepted work item.
import { CatalogRecord, OptinTerms, type Release } from '../catalog/index.js';
import type { WorkItem } from '../work/stage.js';
import { isHttpUrl } from '../image/fetch.js';

const NO_SAFETY = { nsfw: null, faces: null, faceScore: null, textPii: false } as const;

/** Throws (zod error) when the item lacks something a record needs: the runner turns that into a rejection. */
export function toRecord(work: WorkItem, release: Release, retrievedAt: string): CatalogRecord {
  const { item, rights, image, files } = work;
  if (!rights) throw new Error('accepted without a licence decision (rights)');
  if (!image) throw new Error('accepted without image facts');
  if (!files || !work.placeholder) throw new Error('accepted without derivatives');
  return CatalogRecord.parse({
    id: work.id,
    title: item.title ?? item.foreignId,
    creator: item.creator ?? null,
    description: item.description,
    date: item.date,
    tags: item.tags,
    source: work.source.name,
    sourceUrl: item.sourceUrl ?? null,
    licence: rights.licence,
    provenance: {
      release: release.name,
      adapter: work.source.adapter,
      foreignId: item.foreignId,
      retrievedAt: item.retrievedAt ?? retrievedAt,
      assertedBy: rights.assertedBy,
      originalMetadataSha256: item.metadataSha256,
      imageUrl: isHttpUrl(item.image) ? item.image : undefined,
    },
    sha256: image.sha256,
    phash: image.phash,
    fingerprint: image.fingerprint,
    width: image.width,
    height: image.height,
    format: image.format,
    bytes: image.bytes,
    files,
    placeholder: work.placeholder,
    safety: work.safety ?? NO_SAFETY,
    models: work.models,
    rightsHolder: rights.rightsHolder,
    priceMicros: rights.priceMicros,
    terms: rights.licence.id === 'optin' ? OptinTerms.safeParse(item.extra?.terms).data : undefined,
  });
}
