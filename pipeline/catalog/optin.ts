// Opt-in submissions: what `clearance pull` writes for each work a verified rights holder submitted at the edge, read
// by the `optin` source adapter (one JSON object a line), with the holder's terms in a fixed vocabulary.
import { z } from 'zod';

/** The holder's terms: whether generative-model training is allowed (the edge refuses a download declaring it when not). */
export const OptinTerms = z.object({ generativeTraining: z.boolean() });
export type OptinTerms = z.infer<typeof OptinTerms>;

export const OptinSubmission = z.object({
  /** The submission's id at the edge; the item id is `<source name>:<id>`. */
  id: z.string().regex(/^[a-z0-9_]{1,64}$/),
  /** The rights holder's id (`holders.id` at the edge, `RightsHolder.id` in the release). */
  holder: z.string().min(1),
  title: z.string().min(1),
  creator: z.string().min(1),
  priceMicros: z.number().int().nonnegative(),
  terms: OptinTerms,
  /** The original, relative to the release directory (pull downloads it from R2 incoming/). */
  image: z.string().min(1),
  /** SHA-256 of the original as uploaded. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  submittedAt: z.string().min(1),
});
export type OptinSubmission = z.infer<typeof OptinSubmission>;
