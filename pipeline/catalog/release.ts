// Schemas of a release directory: release.json, manifest lines, rights holders, withdrawals.
import { z } from 'zod';
import { FingerprintText } from './identity.js';

export const AssertedBy = z.enum(['creator', 'institution', 'third-party']);
export type AssertedBy = z.infer<typeof AssertedBy>;

export const ReleaseSource = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'source names are letters, digits, . _ -'),
  adapter: z.string().min(1),
  path: z.string().min(1),
  licence: z.string().optional(),
  assertedBy: AssertedBy.optional(),
});
export type ReleaseSource = z.infer<typeof ReleaseSource>;

export const Release = z.object({
  name: z.string().min(1),
  sources: z.array(ReleaseSource).min(1),
  optOut: z
    .object({
      registry: z.string().optional(),
      aiTxt: z.string().optional(),
      tdmRep: z.string().optional(),
      /** Extension: a dir of `<host>.txt` robots.txt snapshots (`clearance fetch-signals` fills it). */
      robotsTxt: z.string().optional(),
      /** Extension: a dir of `<host>.json` landing-page signals (`fetch-signals --pages`): see `PageSignals`. */
      pages: z.string().optional(),
    })
    .optional(),
  /** One file, or several (later files win for the same id): e.g. the maintainers' file, then the holders `clearance
   *  pull` exports from D1 (`optin/rights-holders.jsonl`, the source of truth for holders who signed up). */
  rightsHolders: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
  withdrawals: z.string().optional(),
  /** Extension: moderators' decisions on held items (JSON Lines of `ReviewDecision`), written by `clearance pull`. */
  reviews: z.string().optional(),
  /** Extension: a directory of recorded HTTP responses (`index.jsonl`: { url, status, headers, body }) used
   *  instead of the network for those URLs, so a release builds reproducibly offline. */
  fetched: z.string().optional(),
  /** Extension: hash lists of known-bad images (e.g. from a child-safety organisation). A match is `content.blocklisted`. */
  blocklists: z.array(z.lazy(() => Blocklist)).optional(),
});
export type Release = z.infer<typeof Release>;

/** One hash list: text files, one hash a line (`#` comments): `sha256` lists exact SHA-256 (64 hex, optional
 *  `sha256:` prefix); `phash` lists 64-bit pHashes (16 hex) matched within `maxDistance` bits (default 4). */
export const Blocklist = z
  .object({
    name: z.string().min(1),
    sha256: z.string().min(1).optional(),
    phash: z.string().min(1).optional(),
    maxDistance: z.number().int().min(0).max(16).optional(),
  })
  .refine((b) => b.sha256 !== undefined || b.phash !== undefined, 'a blocklist names a sha256 or a phash file');
export type Blocklist = z.infer<typeof Blocklist>;

/** One line of a `manifest` source (JSON Lines). */
export const ManifestItem = z.object({
  id: z.union([z.string().min(1), z.number().int()]).transform(String),
  image: z.string().min(1),
  title: z.string().optional(),
  creator: z.string().optional(),
  description: z.string().optional(),
  licence: z.string().optional(),
  sourceUrl: z.string().optional(),
  creatorDeathYear: z.number().int().optional(),
  date: z.string().optional(),
  assertedBy: AssertedBy.optional(),
  rightsHolder: z.string().optional(),
  priceMicros: z.number().int().nonnegative().optional(),
  tags: z.array(z.string()).optional(),
});
export type ManifestItem = z.infer<typeof ManifestItem>;

/** A rights holder who opts works in at their own price (release `rightsHolders`, JSON array or JSON Lines). */
export const RightsHolder = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  status: z.enum(['verified', 'pending', 'revoked']),
  defaultPriceMicros: z.number().int().nonnegative().optional(),
});
export type RightsHolder = z.infer<typeof RightsHolder>;

/** One line of the release's withdrawals file. `fingerprint` (the withdrawn image's perceptual fingerprint, from its
 *  catalogue record) also withdraws edited copies: resized, re-encoded, retoned, bordered, stamped or mirrored. */
export const Withdrawal = z
  .object({
    id: z.string().optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    fingerprint: FingerprintText.optional(),
    reason: z.string(),
    at: z.string(),
  })
  .refine((w) => w.id !== undefined || w.sha256 !== undefined || w.fingerprint !== undefined, 'a withdrawal needs an id, a sha256 or a fingerprint');
export type Withdrawal = z.infer<typeof Withdrawal>;

/** One line of the release's `reviews` file: a moderator's decision on a held item, bound to the evidence it saw. */
export const ReviewDecision = z.object({
  id: z.string().min(1),
  /** The pipeline's evidence hash of the held item when the moderator decided (see pipeline moderation). */
  evidenceHash: z.string().regex(/^[0-9a-f]{64}$/),
  action: z.enum(['approve', 'reject']),
  /** For `approve`: the licence the moderator verified. */
  licence: z.enum(['cc0-1.0', 'pdm-1.0']).optional(),
  note: z.string().min(1),
  by: z.string().min(1),
  at: z.string().min(1),
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

/** A landing page as `clearance fetch-signals --pages` read it: the signals it carries, verbatim. */
export const PageRecord = z.object({
  fetchedAt: z.string(),
  /** HTTP status (0: no answer; then `error` says why). */
  status: z.number().int(),
  error: z.string().optional(),
  /** `content` of each `<meta name="robots">` tag, in page order. */
  robots: z.array(z.string()).default([]),
  /** `content` of each `<meta name="ClearanceBot">` tag (the per-agent form addressed to us). */
  ours: z.array(z.string()).default([]),
  /** The signal-carrying response headers, lower-cased: x-robots-tag, content-usage, tdm-reservation, tdm-policy. */
  headers: z.record(z.string(), z.string()).default({}),
});
export type PageRecord = z.infer<typeof PageRecord>;

/** A host's file in the release's `optOut.pages` dir (`<host>.json`): its landing pages by URL. */
export const PageSignals = z.object({ pages: z.record(z.string(), PageRecord) });
export type PageSignals = z.infer<typeof PageSignals>;

/** `.fetched.json` in each signal cache dir: when `clearance fetch-signals` last fetched each host's file, and what it got. */
export const FetchLogEntry = z.object({
  at: z.string(),
  outcome: z.enum(['saved', 'none', 'error']),
  status: z.number().int().optional(),
  error: z.string().optional(),
});
export type FetchLogEntry = z.infer<typeof FetchLogEntry>;
export const FetchLog = z.record(z.string(), FetchLogEntry);
export type FetchLog = z.infer<typeof FetchLog>;
