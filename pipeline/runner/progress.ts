// Progress line on a TTY (stderr, throttled) and the summary table printed when a build ends.
import type { BuildReport } from './report.js';
import type { Tally } from './tally.js';

export function createProgress(enabled: boolean, started: number, verb = 'building'): { tick(t: Tally): void; end(): void } {
  let last = 0;
  let shown = false;
  return {
    tick(t) {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const rate = t.total / Math.max(0.001, (now - started) / 1000);
      process.stderr.write(`\r\x1b[K${verb}: ${t.total} items · ${t.byStatus.accepted} accepted, ${t.byStatus.review} review, ${t.byStatus.rejected} rejected · ${rate.toFixed(1)} items/s`);
    },
    end() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

function pad(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]!) : String(c).padEnd(widths[i]!))).join('  ')).join('\n');
}

export function summaryTable(r: BuildReport, out: string): string {
  const codes = Object.entries(r.items.byCode).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const stages = Object.entries(r.stages).map(([n, t]) => [n, t.count, Math.round(t.ms), t.count ? Number((t.ms / t.count).toFixed(2)) : 0] as (string | number)[]);
  const parts = [
    `clearance ${r.shards ? 'merge' : 'build'}${r.shard ? ` (shard ${r.shard.k}/${r.shard.n})` : ''}: ${r.items.total} items in ${(r.durationMs / 1000).toFixed(1)} s (${r.itemsPerSecond.toFixed(1)} items/s) → ${out}`,
    '',
    pad([['status', 'items'], ['accepted', r.items.byStatus.accepted], ['review', r.items.byStatus.review], ['rejected', r.items.byStatus.rejected]]),
    '',
    pad([['main reason', 'items'], ...codes]),
    '',
    pad([['stage', 'items', 'ms', 'ms/item'], ...stages]),
    '',
    `cache: ${r.cache.hits} hits, ${r.cache.misses} misses · internal errors: ${r.internalErrors}`,
  ];
  if (r.diff) parts.push(`since ${r.diff.previous}: ${r.diff.added.length} added, ${r.diff.removed.length} removed, ${r.diff.changed.length} changed`);
  return parts.join('\n');
}
