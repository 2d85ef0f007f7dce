// report.json of a merge: item counts recounted from the merged decisions, stage timings/cache/stats summed over the shards.
import type { DedupCounts } from '../stages/dedup-judge.js';
import type { CatalogDiff } from './diff.js';
import type { BuildReport } from './report.js';
import type { Timings } from './run-item.js';
import type { ShardOut } from './shard-set.js';
import type { Tally } from './tally.js';

/** Adds two stats values: numbers summed, arrays element-wise, objects key-wise; anything else keeps the first. */
function sumStats(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.map((x, i) => (typeof x === 'number' && typeof b[i] === 'number' ? x + (b[i] as number) : x));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = sumStats(out[k], v);
    return out;
  }
  return a;
}

/** Histogram edges are not counts: summing would double them, so they are kept from the first shard. */
function keepEdges(merged: unknown, first: unknown): unknown {
  if (!merged || typeof merged !== 'object' || Array.isArray(merged)) return merged;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(merged as Record<string, unknown>)) {
    const f = (first as Record<string, unknown> | undefined)?.[k];
    out[k] = k === 'edges' || k === 'maxHashDistance' || k === 'maxColourDifference' ? f : keepEdges(v, f);
  }
  return out;
}

export interface MergeFigures {
  tally: Tally;
  dedup: DedupCounts;
  mergeMs: number;
  cpuMs: number;
  peakRssBytes: number;
  diff?: CatalogDiff;
}

export function mergeReports(shards: ShardOut[], f: MergeFigures): BuildReport {
  const reports = shards.map((s) => s.report);
  const first = reports[0]!;
  const stages: Timings = {};
  for (const r of reports) for (const [name, t] of Object.entries(r.stages)) {
    const m = (stages[name] ??= { ms: 0, count: 0, errors: 0 });
    m.ms += t.ms;
    m.count += t.count;
    m.errors += t.errors;
  }
  const stats: Record<string, Record<string, unknown>> = {};
  for (const name of new Set(reports.flatMap((r) => Object.keys(r.stats ?? {})))) {
    const summed = reports.reduce<unknown>((acc, r) => sumStats(acc, r.stats?.[name]), undefined);
    stats[name] = keepEdges(summed, first.stats?.[name]) as Record<string, unknown>;
  }
  stats.dedup = { ...f.dedup };
  const durationMs = Math.max(...reports.map((r) => r.durationMs)) + Math.round(f.mergeMs);
  const notes = shards.flatMap((s) => s.report.notes.map((n) => `shard ${s.manifest.k}/${s.manifest.n}: ${n}`)).slice(0, 100);
  return {
    release: first.release,
    releaseDir: first.releaseDir,
    builtAt: reports.map((r) => r.builtAt).sort().at(-1)!,
    durationMs,
    cpuMs: reports.reduce((n, r) => n + r.cpuMs, 0) + f.cpuMs,
    itemsPerSecond: f.tally.total / Math.max(0.001, durationMs / 1000),
    concurrency: first.concurrency,
    sharpThreads: first.sharpThreads,
    items: { total: f.tally.total, byStatus: f.tally.byStatus, byCode: f.tally.byCode, byReason: f.tally.byReason },
    sources: f.tally.sources,
    stages,
    cache: { hits: reports.reduce((n, r) => n + r.cache.hits, 0), misses: reports.reduce((n, r) => n + r.cache.misses, 0) },
    stats,
    internalErrors: reports.reduce((n, r) => n + r.internalErrors, 0),
    peakRssBytes: Math.max(f.peakRssBytes, ...reports.map((r) => r.peakRssBytes)),
    notes,
    ...(first.signals ? { signals: first.signals } : {}),
    diff: f.diff,
    shards: shards.map((s) => ({ k: s.manifest.k, durationMs: s.report.durationMs, cpuMs: s.report.cpuMs, peakRssBytes: s.report.peakRssBytes, builtAt: s.report.builtAt })),
  };
}
