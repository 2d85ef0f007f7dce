// Samples the resident memory of a process and all its descendants (Linux /proc) to report a benchmark's peak.
import { readFileSync } from 'node:fs';
import { procPids, procStatFields } from '../support/proc-stat.js';

const PAGE = 4096;

function treeRss(root: number): number {
  const parent = new Map<number, number>();
  for (const name of procPids()) {
    const fields = procStatFields(name);
    if (fields) parent.set(Number(name), Number(fields[1]));
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p: number | undefined = pid;
    while (p !== undefined && p !== root && p > 1) p = parent.get(p);
    if (p !== root) continue;
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

/** Starts sampling; `stop()` returns the peak in bytes. */
export function sampleTreeRss(root: number, everyMs = 250): { stop(): number } {
  let peak = 0;
  const tick = (): void => {
    peak = Math.max(peak, treeRss(root));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
