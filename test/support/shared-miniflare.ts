// One Miniflare per local state folder for a test file whose publishes, pulls and queries all run in this process:
// local targets opened on the same folder (by the test or by the in-process CLI) share it instead of starting workerd
// again for each open (~0.15 CPU-s each); one owner, so the SQLite files are never open in two runtimes at once.
import { Miniflare } from 'miniflare';
import { afterAll } from 'vitest';
import { setLocalRuntimeSource, type LocalRuntimeSource } from '../../pipeline/publish/local-target.js';

const open = new Map<string, Miniflare>();

const shared: LocalRuntimeSource = (options) => {
  const key = JSON.stringify(options);
  let mf = open.get(key);
  if (!mf) open.set(key, (mf = new Miniflare(options)));
  // A target's close() leaves the runtime to the next open on the folder; closeLocalRuntimes() ends them.
  return { mf, release: async () => {} };
};

/** From here to closeLocalRuntimes() (at the latest when the file ends), local targets of this process keep one
 *  Miniflare per folder. Only for files that start no other process on those folders (`wrangler dev`, a spawned CLI):
 *  workerd assumes it alone owns a Durable Object's SQLite files. */
export function shareLocalRuntimes(): void {
  setLocalRuntimeSource(shared);
  afterAll(closeLocalRuntimes);
}

/** Disposes the shared runtimes and puts back one Miniflare per open: call it before removing their folders. */
export async function closeLocalRuntimes(): Promise<void> {
  setLocalRuntimeSource(undefined);
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map((mf) => mf.dispose()));
}
