// Marks local state as served by a running `wrangler dev`, so `publish --local` refuses to write under it
// (two workerd processes on the same SQLite files crash the server's: seen with wrangler 4.86).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServeLock {
  pid: number;
  url: string;
}

const lockPath = (persistTo: string): string => join(persistTo, 'clearance-serving.json');

export function writeServeLock(persistTo: string, lock: ServeLock): void {
  writeFileSync(lockPath(persistTo), `${JSON.stringify(lock)}\n`);
}

export function removeServeLock(persistTo: string, pid: number): void {
  if (readServeLock(persistTo)?.pid === pid) rmSync(lockPath(persistTo), { force: true });
}

/** The lock when its process still runs; a stale lock (process gone) counts as none. */
export function readServeLock(persistTo: string): ServeLock | undefined {
  if (!existsSync(lockPath(persistTo))) return undefined;
  try {
    const lock = JSON.parse(readFileSync(lockPath(persistTo), 'utf8')) as ServeLock;
    process.kill(lock.pid, 0);
    return lock;
  } catch {
    return undefined;
  }
}
