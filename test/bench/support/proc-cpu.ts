// CPU time of the processes on this machine, sampled from /proc and summed by kind, and how busy the cores were (Linux).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { procPids, procStatFields, TICKS_PER_SECOND } from '../../support/proc-stat.js';

/** Cumulative figures since the sampler started. `byKind` is a lower bound: a process that ends between two samples
 *  loses what it used after the last one (at most one interval each); `busyCoreS` (from /proc/stat) is exact and counts
 *  every process on the machine, ours and others'. */
export interface CpuSnapshot {
  atS: number;
  busyCoreS: number;
  byKind: Record<string, number>;
}

export interface ProcCpuSampler {
  snapshot(): CpuSnapshot;
  /** Stops sampling; returns the last snapshot and how many cores were busy (0 … number of cores) in each window, with
   *  the window's start (seconds since the sampler started). */
  stop(): { last: CpuSnapshot; busyCoresPerWindow: Array<{ startS: number; cores: number }> };
}

/** user+nice+system+irq+softirq+steal and idle+iowait of all cores, in ticks. */
function machineTicks(): { busy: number; all: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, all: busy + idle + iowait };
}

/** Samples every `everyMs`; `kindOf` names a process from its command line (read once per process). Every 500 ms by
 *  default: reading /proc cost ~0.7 % of a core with 70 processes (3.3 % every 200 ms), more with more processes. */
export function sampleProcCpu(kindOf: (cmdline: string) => string, everyMs = 500, windowMs = 5000): ProcCpuSampler {
  const t0 = performance.now();
  const start = machineTicks();
  /** per process (pid and start time): its kind, CPU ticks when first seen (0 if it started after us), latest ticks */
  const seen = new Map<string, { kind: string; first: number; last: number }>();
  const windows: Array<{ startS: number; cores: number }> = [];
  let windowStart = { at: t0, ticks: start };
  const own = String(process.pid);

  function sample(first = false): void {
    for (const pid of procPids()) {
      const f = pid === own ? undefined : procStatFields(pid);
      if (!f) continue;
      const ticks = Number(f[11]) + Number(f[12]);
      const key = `${pid}:${f[19]}`;
      const known = seen.get(key);
      if (known) known.last = ticks;
      else {
        let cmd: string;
        try {
          cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
        } catch {
          continue; // the process ended while being read
        }
        seen.set(key, { kind: kindOf(cmd), first: first ? ticks : 0, last: ticks });
      }
    }
    const now = performance.now();
    if (now - windowStart.at >= windowMs) {
      const t = machineTicks();
      const cores = ((t.busy - windowStart.ticks.busy) / Math.max(1, t.all - windowStart.ticks.all)) * availableParallelism();
      windows.push({ startS: (windowStart.at - t0) / 1000, cores: Math.round(cores * 100) / 100 });
      windowStart = { at: now, ticks: t };
    }
  }

  function snapshot(): CpuSnapshot {
    const byKind: Record<string, number> = {};
    for (const p of seen.values()) byKind[p.kind] = (byKind[p.kind] ?? 0) + (p.last - p.first) / TICKS_PER_SECOND;
    return { atS: (performance.now() - t0) / 1000, busyCoreS: (machineTicks().busy - start.busy) / TICKS_PER_SECOND, byKind };
  }

  sample(true);
  const timer = setInterval(sample, everyMs);
  return {
    snapshot,
    stop() {
      clearInterval(timer);
      sample();
      return { last: snapshot(), busyCoresPerWindow: windows };
    },
  };
}

/** What `b` adds to `a`, by kind, rounded to 0.1 CPU-s, largest first. */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): { seconds: number; busyCoreS: number; byKind: Record<string, number> } {
  const kinds = Object.keys(b.byKind)
    .map((k) => [k, (b.byKind[k] ?? 0) - (a.byKind[k] ?? 0)] as const)
    .filter(([, s]) => s >= 0.05)
    .sort((x, y) => y[1] - x[1]);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return { seconds: r1(b.atS - a.atS), busyCoreS: r1(b.busyCoreS - a.busyCoreS), byKind: Object.fromEntries(kinds.map(([k, s]) => [k, r1(s)])) };
}
