// The signal matrix (signals.jsonl, signal-sources.json): which opt-out signals were checked for each item, from which snapshot, and what each said.
import { z } from 'zod';

/** Signals, named after the decision code a refusal gives (`optout.<signal>`; `embedded-licence` gives `licence.conflict`). */
export const SIGNALS = ['withdrawn', 'registry', 'ai-txt', 'tdm-rep', 'robots-txt', 'content-usage', 'robots-meta', 'robots-header', 'embedded', 'embedded-licence'] as const;
export const Signal = z.enum(SIGNALS);
export type Signal = z.infer<typeof Signal>;

/**
 * What a signal said for the item: `refused` (it forbids AI training: the item is rejected), `allowed` (present and
 * does not forbid it), `silent` (checked, nothing there: no file on the host, no header, not listed), `unknown` (could
 * not be checked: no snapshot of that host, or the release configures no such source).
 */
export const SAID = ['refused', 'allowed', 'silent', 'unknown'] as const;
export const Said = z.enum(SAID);
export type Said = z.infer<typeof Said>;

/** One check: [signal, scope, said, detail?]. Scope: a host (per-host files; `content-usage` there is robots.txt's),
 *  `page:<host>` (the landing page, from its host's pages file), `id`, `url`, `sha256` (lists), `image` (the image response and file). */
export const SignalCheck = z.tuple([Signal, z.string(), Said]).rest(z.string());
export type SignalCheck = z.infer<typeof SignalCheck>;

/** A line of signals.jsonl: one per decision, in decision order (no checks when the item never reached the opt-out stages). */
export const SignalLine = z.object({ id: z.string(), checks: z.array(SignalCheck) });
export type SignalLine = z.infer<typeof SignalLine>;

/** A snapshot a check read: the release file and when `clearance fetch-signals` fetched it (null: not recorded). */
export const SignalSource = z.object({
  file: z.string().nullable(),
  sha256: z.string().nullable(),
  fetchedAt: z.string().nullable(),
  /** What the last fetch got: saved (the file), none (404/410 or not such a file), error (the file, if any, is older). */
  fetch: z.enum(['saved', 'none', 'error']).nullable(),
  status: z.number().int().optional(),
});
export type SignalSource = z.infer<typeof SignalSource>;

/** signal-sources.json: every opt-out snapshot of the release, by key — `<signal>:<host>` for per-host files
 *  (`robots-meta:<host>` for landing pages), `registry`, `withdrawn`. */
export const SignalSources = z.record(z.string(), SignalSource);
export type SignalSources = z.infer<typeof SignalSources>;

/** The key of a check's snapshot in signal-sources.json, or undefined for the image's own response and bytes. */
export function sourceKey(check: SignalCheck): string | undefined {
  const [signal, scope] = check;
  if (signal === 'withdrawn' || signal === 'registry') return signal;
  if (scope === 'image') return undefined;
  if (scope.startsWith('page:')) return `robots-meta:${scope.slice(5)}`;
  return signal === 'content-usage' ? `robots-txt:${scope}` : `${signal}:${scope}`;
}
