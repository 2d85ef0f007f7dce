// The catalogue record (catalog.jsonl, accepted items only): the contract between pipeline, site and edge.
import { z } from 'zod';
import { FingerprintText } from './identity.js';
import { OptinTerms } from './optin.js';
import { AssertedBy } from './release.js';

export const LicenceId = z.enum(['cc0-1.0', 'pdm-1.0', 'optin']);
export type LicenceId = z.infer<typeof LicenceId>;

/** One piece of evidence for a licence: what was stated, where, by whom. */
export const Evidence = z.object({
  /** `moderator`: a person verified the rights in the console; `statement` is their note, with `by` and `at`. */
  kind: z.enum(['source-record', 'source-default', 'embedded', 'rights-holder', 'moderator']),
  statement: z.string(),
  normalised: z.string(),
  assertedBy: AssertedBy.optional(),
  /** For `moderator` evidence: the moderator's account id and the time of the decision. */
  by: z.string().optional(),
  at: z.string().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Licence = z.object({ id: LicenceId, url: z.string(), evidence: z.array(Evidence).min(1) });
export type Licence = z.infer<typeof Licence>;

export const Provenance = z.object({
  release: z.string(),
  adapter: z.string(),
  foreignId: z.string(),
  retrievedAt: z.string(),
  assertedBy: AssertedBy,
  originalMetadataSha256: z.string().regex(/^[0-9a-f]{64}$/),
  imageUrl: z.string().optional(),
});
export type Provenance = z.infer<typeof Provenance>;

export const Safety = z.object({
  nsfw: z.number().min(0).max(1).nullable(),
  faces: z.number().int().nonnegative().nullable(),
  faceScore: z.number().min(0).max(1).nullable(),
  textPii: z.boolean(),
  /** Where the personal data behind `textPii` was found: the item's title, description or tags, or text read
   *  from the pixels by OCR. Absent when none was found (and on records from before the field). */
  textPiiSource: z.enum(['metadata', 'pixels']).optional(),
  /** Whether text in the pixels was looked at: `read` (OCR ran), `no-text` (the text-presence check found none),
   *  `off` (not read: CLEARANCE_OCR=off, safety off, or the metadata already had personal data). */
  pixelText: z.enum(['read', 'no-text', 'off']).optional(),
});
export type Safety = z.infer<typeof Safety>;

/** Keys are paths under out/files/ and the R2 object keys: `<kind>/<sha[0..2]>/<sha256 of the file>.<ext>`,
 *  kind `original` (served only through metered downloads) or a public derivative such as `thumb`. */
export const Files = z.object({ original: z.string(), thumb: z.string() }).catchall(z.string());
export type Files = z.infer<typeof Files>;

export const ImageFormat = z.enum(['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif']);
export type ImageFormat = z.infer<typeof ImageFormat>;

export const CatalogRecord = z.object({
  id: z.string(),
  title: z.string(),
  creator: z.string().nullable(),
  description: z.string().optional(),
  date: z.string().optional(),
  tags: z.array(z.string()).default([]),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  licence: Licence,
  provenance: Provenance,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  phash: z.string().regex(/^[0-9a-f]{16}$/),
  /** Perceptual fingerprint (`pid1:…`, pipeline/catalog/identity.ts): what a withdrawal of this item records, so that
   *  edited copies stay out. Absent on records from before it. */
  fingerprint: FingerprintText.optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: ImageFormat,
  bytes: z.number().int().positive(),
  files: Files,
  /** A tiny inline image (data: URL) shown while the thumbnail loads. */
  placeholder: z.string(),
  safety: Safety,
  models: z.record(z.string(), z.string()),
  rightsHolder: z.string().optional(),
  priceMicros: z.number().int().nonnegative(),
  /** An opt-in work's terms as its holder set them (the edge enforces them on downloads that declare their use). */
  terms: OptinTerms.optional(),
});
export type CatalogRecord = z.infer<typeof CatalogRecord>;
