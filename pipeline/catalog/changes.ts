// The consent-change feed as the edge serves it (`GET /v1/changes?since=&limit=`), read by `clearance prune`.
import { z } from 'zod';

export const ChangeKind = z.enum(['withdrawn', 'reinstated', 'approved', 'rejected']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const Change = z.object({
  seq: z.number().int(),
  itemId: z.string(),
  sha256: z.string().nullable(),
  /** One of ChangeKind; a kind added later is read (and ignored by prune) rather than refused. */
  kind: z.string(),
  code: z.string(),
  detail: z.string().nullable(),
  at: z.string(),
});
export type Change = z.infer<typeof Change>;

/** One page: ascending by seq; `cursor` is the last row's seq (or the `since` given when empty); `more` = ask again. */
export const ChangesPage = z.object({
  changes: z.array(Change),
  cursor: z.union([z.string(), z.number()]).transform(String),
  more: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;
