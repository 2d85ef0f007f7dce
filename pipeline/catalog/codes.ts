// Decision statuses and reason codes (DESIGN.md "Decisions"): add codes, never rename.
import { z } from 'zod';

const STATUSES = ['accepted', 'review', 'rejected'] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

/** Every reason code, with the status it implies. */
export const CODES = {
  'licence.cc0': 'accepted',
  'licence.pdm': 'accepted',
  'licence.optin': 'accepted',
  /** A moderator verified a held item's rights in the console (the release's `reviews` file); evidence kind `moderator`. */
  'licence.moderator-approved': 'accepted',
  'licence.third-party-assertion': 'review',
  'licence.conflict': 'review',
  'licence.pd-unmarked': 'review',
  'licence.optin-unverified': 'review',
  'licence.attribution': 'rejected',
  'licence.noncommercial': 'rejected',
  'licence.no-derivatives': 'rejected',
  'licence.share-alike': 'rejected',
  'licence.all-rights-reserved': 'rejected',
  'licence.unrecognised': 'rejected',
  'licence.missing': 'rejected',
  /** A moderator rejected a held item in the console; stays rejected while its evidence is unchanged. */
  'licence.moderator-rejected': 'rejected',
  'optout.registry': 'rejected',
  'optout.ai-txt': 'rejected',
  'optout.tdm-rep': 'rejected',
  'optout.robots-header': 'rejected',
  'optout.embedded': 'rejected',
  'optout.withdrawn': 'rejected',
  /** The host's robots.txt disallows the image's or landing page's path for ClearanceBot (its own group, else `*`) or
   *  for a listed AI-training crawler (own group); or it was unreachable (RFC 9309: complete disallow). Detail names the agent and rule. */
  'optout.robots-txt': 'rejected',
  /** An IETF AI-preferences statement refuses AI training (`train-ai=n`, `train-genai=n`, …) in a Content-Usage
   *  header of the image or landing page, or a Content-Usage / Content-Signal rule of robots.txt. Detail names it. */
  'optout.content-usage': 'rejected',
  /** The landing page says `noai` / `noimageai` in a robots meta tag (generic or `<meta name="ClearanceBot">`) or its X-Robots-Tag header. */
  'optout.robots-meta': 'rejected',
  /** The file says it was made by a generative model: XMP Iptc4xmpExt:DigitalSourceType, or a C2PA c2pa.created /
   *  c2pa.opened action, naming trainedAlgorithmicMedia, compositeSynthetic, algorithmicMedia or
   *  compositeWithTrainedAlgorithmicMedia. Detail names the field and value. */
  'content.ai-generated': 'rejected',
  /** A weaker sign of generation: such a type on a later C2PA action (a generative edit), or a known generator's name
   *  in XMP CreatorTool / tiff:Software or a C2PA software agent (pipeline/content/ai-generators.json). */
  'content.ai-generated-suspected': 'review',
  /** The image's SHA-256, or its perceptual hash within the list's distance, is on a hash list named in release.json
   *  `blocklists`. The detail names the list, never the entry; the bytes are never stored (files/ or the cache). */
  'content.blocklisted': 'rejected',
  'image.unreadable': 'rejected',
  'image.unsupported': 'rejected',
  'image.too-small': 'rejected',
  'image.too-large': 'rejected',
  'image.fetch-failed': 'rejected',
  'image.duplicate': 'rejected',
  'image.near-duplicate': 'rejected',
  /** The item ran out of its time budget in the stages (CLEARANCE_ITEM_TIMEOUT_MS, default 60 s); the build went on without it. */
  'image.timeout': 'rejected',
  'input.invalid': 'rejected',
  'input.duplicate-id': 'rejected',
} as const satisfies Record<string, Status>;

/** Hints add information without changing the status (e.g. an old work without a licence). */
const HINTS = ['licence.pd-by-age'] as const;

export type DecisionCode = keyof typeof CODES;
export type HintCode = (typeof HINTS)[number];
export type ReasonCode = DecisionCode | HintCode;
export const ReasonCodeSchema = z.enum([...(Object.keys(CODES) as DecisionCode[]), ...HINTS]);

const SEVERITY: Record<Status, number> = { rejected: 0, review: 1, accepted: 2 };

export function statusOf(code: ReasonCode): Status | undefined {
  return (CODES as Record<string, Status>)[code];
}

/** Status implied by a set of codes: any rejection wins, then review, then accepted. */
export function statusFromCodes(codes: readonly ReasonCode[]): Status {
  let best: Status | undefined;
  for (const c of codes) {
    const s = statusOf(c);
    if (s && (best === undefined || SEVERITY[s] < SEVERITY[best])) best = s;
  }
  return best ?? 'rejected';
}

/** Sort key so the main reason (the one that decided the status) comes first; hints go last. */
export function severityOf(code: ReasonCode): number {
  const s = statusOf(code);
  return s === undefined ? 3 : SEVERITY[s];
}
