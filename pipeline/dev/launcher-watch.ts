// Notices when whatever launched this process (npm → sh → tsx) goes away without passing a signal on, e.g.
// `kill <npm pid>`: npm 11 exits without signalling its script, which would leave wrangler dev serving alone.
import { readFileSync } from 'node:fs';
import { processAlive } from '../util/process-alive.js';

/** Parent pid of `pid` from /proc (Linux); undefined elsewhere or when the process is gone. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}


/** Calls `onGone` once when any of this process's first `depth` ancestors exits; returns a function that stops watching. */
export function watchLaunchers(onGone: () => void, depth = 3, everyMs = 1000): () => void {
  const ancestors: number[] = [];
  let pid: number | undefined = process.ppid;
  while (pid && pid > 1 && ancestors.length < depth) {
    ancestors.push(pid);
    pid = parentOf(pid);
  }
  const timer = setInterval(() => {
    if (ancestors.some((a) => !processAlive(a))) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
