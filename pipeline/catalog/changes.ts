// The consent-change feed as the edge serves it (`GET /v1/changes?since=&limit=`), read by `clearance prune`.
import { z } from 'zod';

export const ChangeKind = z.enum(['withdrawn', 'reinstated', 'approved', 'rejected']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const Change = z.object({
  seq: z.number().int(),
  itemId: z.string(),
  sha256: z.string().nullable(),
  kind: ChangeKind,
  code: z.string(),
  detail: z.string().nullable(),
  at: z.string(),
});
export type Change = z.infer<typeof Change>;

/** One page: ascending by seq; `cursor` is the last row's seq (or the `since` given when empty); `more` = ask again. */
export const ChangesPage = z.object({
  changes: z.array(Change),
  cursor: z.string(),
  more: z.boolean(),
});
export type ChangesPage = z.infer<typeof ChangesPage>;
