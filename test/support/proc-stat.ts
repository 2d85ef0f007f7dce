// The processes in /proc and the fields of each one's stat line (Linux), for the samplers of tests and benchmarks.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of utime and stime (USER_HZ: 100 on Linux). */
export const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The pids /proc lists now. */
export function procPids(): string[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name));
}

/** The stat fields after the command name (which may hold spaces): [0] state, [1] ppid, [2] pgrp, [11] utime,
 *  [12] stime, [19] start time; undefined when the process is gone. */
export function procStatFields(pid: string | number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
