// Keeps each signal cache dir's `.fetched.json`: when fetch-signals last fetched each host's file and what it got (the matrix's snapshot dates; RFC 9309's unreachable rule).
import { join } from 'node:path';
import type { FetchLog, FetchLogEntry } from '../catalog/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { FETCH_LOG, readFetchLog } from './signal-files.js';

/** Merges this run's entries into the dir's log (hosts not fetched this run keep theirs), sorted by host. */
export async function updateFetchLog(dir: string, entries: Map<string, FetchLogEntry>): Promise<string[]> {
  const warnings: string[] = [];
  if (!entries.size) return warnings;
  const log: FetchLog = { ...(await readFetchLog(dir, warnings)) };
  for (const [host, e] of entries) log[host] = e;
  const sorted = Object.fromEntries(Object.entries(log).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomic(join(dir, FETCH_LOG), `${JSON.stringify(sorted, null, 1)}\n`);
  return warnings;
}
