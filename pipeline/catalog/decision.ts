// The decision line written to decisions.jsonl for every input item, in input order.
import { z } from 'zod';
import { ReasonCodeSchema, Status, severityOf, statusFromCodes, type ReasonCode } from './codes.js';

export const Reason = z.object({ code: ReasonCodeSchema, detail: z.string() });
export type Reason = z.infer<typeof Reason>;

export const Decision = z.object({
  id: z.string().min(1),
  status: Status,
  reasons: z.array(Reason).min(1),
});
export type Decision = z.infer<typeof Decision>;

/** Builds a decision from reasons gathered by the stages: status from the codes, main reason first. */
export function decide(id: string, reasons: readonly Reason[]): Decision {
  const sorted = reasons
    .map((r, i) => ({ r, i }))
    .sort((a, b) => severityOf(a.r.code) - severityOf(b.r.code) || a.i - b.i)
    .map(({ r }) => r);
  const list: Reason[] = sorted.length ? sorted : [{ code: 'licence.missing', detail: 'no stage gave this item a licence decision' }];
  return { id, status: statusFromCodes(list.map((r) => r.code as ReasonCode)), reasons: list };
}
