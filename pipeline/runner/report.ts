// The shape of report.json: what a build decided, how long each stage took, cache use and the diff against --previous.
import type { Status } from '../catalog/index.js';
import type { CatalogDiff } from './diff.js';
import type { Timings } from './run-item.js';
import type { StatusCounts } from './tally.js';

export interface BuildReport {
  release: string;
  releaseDir: string;
  builtAt: string;
  durationMs: number;
  /** CPU time of the build process (user + system, all threads incl. libvips), ms. */
  cpuMs: number;
  itemsPerSecond: number;
  concurrency: number;
  sharpThreads: number;
  items: {
    total: number;
    byStatus: Record<Status, number>;
    /** Count of each decision's main (first) reason code. */
    byCode: Record<string, number>;
    /** Count of items carrying each code anywhere in their reasons. */
    byReason: Record<string, number>;
  };
  sources: Record<string, StatusCounts>;
  /** Wall-clock milliseconds spent inside each stage (summed over items) and items processed. */
  stages: Timings;
  cache: { hits: number; misses: number };
  /** Extra figures each stage reports (`Stage.stats()`). */
  stats: Record<string, Record<string, unknown>>;
  internalErrors: number;
  peakRssBytes: number;
  notes: string[];
  /** Fingerprint of every input (up-to-date.ts); a later build with the same fingerprint has nothing to do. */
  inputsFingerprint?: string;
  /** Set (not written) when a build found --out up to date and did nothing. */
  upToDate?: boolean;
  /** With upToDate: how long the check took, ms. */
  checkMs?: number;
  diff?: CatalogDiff;
  /** Shard builds: which shard of how many (`clearance merge` combines them). */
  shard?: { k: number; n: number };
  /** Where the per-item signal matrix is: `signals.jsonl` (a line per decision) and the snapshots it names
   *  (`signal-sources.json`); counts of what each signal said are in `stats.optout.matrix` / `stats["content-signals"].matrix`. */
  signals?: typeof SIGNAL_OUTPUTS;
  /** Merged outputs: each shard's own figures. */
  shards?: { k: number; durationMs: number; cpuMs: number; peakRssBytes: number; builtAt: string }[];
}

/** The signal matrix files of an output (pipeline/catalog/signals.ts). */
export const SIGNAL_OUTPUTS = { matrix: 'signals.jsonl', sources: 'signal-sources.json' } as const;
