// Writes a small pipeline output dir (catalog.jsonl, decisions.jsonl, [reviews.jsonl], files/) for publish tests.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CatalogRecord } from '../../../pipeline/catalog/record.js';
import { ReviewRecord } from '../../../pipeline/catalog/review.js';
import type { Decision } from '../../../pipeline/catalog/decision.js';

export interface FixtureItem {
  id: string;
  priceMicros?: number;
  /** Bytes of the original (distinct per item). */
  body?: string;
  /** The source image's size when it differs from the stored original (metadata stripped by the pipeline). */
  sourceBytes?: number;
  /** The source image's SHA-256 when it differs from the stored original's (default: the same). */
  sourceSha256?: string;
  /** Other record fields (metadata, safety scores, size). */
  record?: Partial<CatalogRecord>;
}

/** A held item: its evidence hash is sha256 of `evidence` (change it to change the record); `thumb: false` = unreadable image. */
export interface FixtureHeld {
  id: string;
  evidence: string;
  code?: 'licence.pd-unmarked' | 'licence.third-party-assertion' | 'licence.conflict' | 'licence.optin-unverified';
  thumb?: boolean;
}

const sha = (b: string | Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Writes `dir` with the given accepted items plus decisions for `rejected` ids (code per id) and, when `held` is given,
 *  reviews.jsonl with its review thumbnails. */
export async function writeOut(dir: string, release: string, items: FixtureItem[], rejected: Record<string, string> = {}, held?: FixtureHeld[]): Promise<CatalogRecord[]> {
  const records: CatalogRecord[] = [];
  const decisions: Decision[] = [];
  for (const item of items) {
    const original = Buffer.from(item.body ?? `original bytes of ${item.id}`);
    const thumb = Buffer.from(`thumb of ${item.id}`);
    const files = { original: `original/${sha(original).slice(0, 2)}/${sha(original)}.png`, thumb: `thumb/${sha(thumb).slice(0, 2)}/${sha(thumb)}.webp` };
    for (const [key, data] of [[files.original, original], [files.thumb, thumb]] as const) {
      await mkdir(dirname(join(dir, 'files', key)), { recursive: true });
      await writeFile(join(dir, 'files', key), data);
    }
    records.push(CatalogRecord.parse({
      id: item.id, title: `Title of ${item.id}`, creator: null, source: 'fixture', sourceUrl: null,
      licence: { id: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', evidence: [{ kind: 'source-record', statement: 'CC0', normalised: 'cc0-1.0' }] },
      provenance: { release, adapter: 'manifest', foreignId: item.id, retrievedAt: '2026-11-01T00:00:00Z', assertedBy: 'institution', originalMetadataSha256: sha(item.id) },
      sha256: item.sourceSha256 ?? sha(original), phash: '0123456789abcdef', width: 10, height: 10, format: 'png', bytes: item.sourceBytes ?? original.length, files,
      placeholder: 'data:image/webp;base64,', safety: { nsfw: 0.01, faces: 0, faceScore: null, textPii: false }, models: {},
      priceMicros: item.priceMicros ?? 0,
      ...item.record,
    }));
    decisions.push({ id: item.id, status: 'accepted', reasons: [{ code: 'licence.cc0', detail: 'CC0' }] });
  }
  for (const [id, code] of Object.entries(rejected)) decisions.push({ id, status: 'rejected', reasons: [{ code: code as Decision['reasons'][0]['code'], detail: 'fixture' }] });
  const reviews: ReviewRecord[] = [];
  for (const h of held ?? []) {
    const reasons = [{ code: h.code ?? 'licence.pd-unmarked', detail: `held: ${h.evidence}` }] as const;
    decisions.push({ id: h.id, status: 'review', reasons: [...reasons] });
    const thumb = Buffer.from(`review thumb of ${h.id} (${h.evidence})`);
    const key = `review-thumb/${sha(thumb).slice(0, 2)}/${sha(thumb)}.webp`;
    if (h.thumb !== false) {
      await mkdir(dirname(join(dir, 'files', key)), { recursive: true });
      await writeFile(join(dir, 'files', key), thumb);
    }
    reviews.push(ReviewRecord.parse({
      id: h.id, source: 'fixture', title: `Held ${h.id}`, creator: null, sourceUrl: `https://example.org/${h.id}`, reasons: [...reasons],
      evidenceHash: sha(h.evidence), statement: { licence: 'pd', sourceLicence: null, assertedBy: 'institution' },
      provenance: { release, adapter: 'manifest', foreignId: h.id, retrievedAt: '2026-11-01T00:00:00Z', assertedBy: 'institution', originalMetadataSha256: sha(h.evidence) },
      ...(h.thumb !== false ? { sha256: sha(h.id), width: 10, height: 10, format: 'png', files: { reviewThumb: key } } : {}),
      original: { id: h.id, licence: 'pd' },
    }));
  }
  if (held) await writeFile(join(dir, 'reviews.jsonl'), reviews.map((r) => `${JSON.stringify(r)}\n`).join(''));
  await writeFile(join(dir, 'catalog.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(join(dir, 'decisions.jsonl'), decisions.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return records;
}
