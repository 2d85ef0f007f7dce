// Puts the test run's temporary files in RAM: a fresh folder on /dev/shm (tmpfs) becomes TMPDIR for the run, removed
// when the run ends. Tests build catalogues, sites and miniflare state in temp folders; on this VM's ext4 disk a mkdir
// or a small write costs ~0.5 ms, on tmpfs ~0.01 ms. Without a tmpfs with room (a container's 64 MB /dev/shm),
// or with CLEARANCE_TEST_TMPDIR=disk, the system's temp folder is used as before.
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';

const SHM = '/dev/shm';
const TMPFS_MAGIC = 0x01021994;
/** Room the run needs, with a wide margin: a whole `npm test` peaked at 49 MB there (2026-12-06). */
const NEEDS_BYTES = 1024 ** 3;

/** Sets TMPDIR for this process and its children (vitest's workers, spawned CLIs, wrangler) when a tmpfs has room;
 *  returns the folder, or undefined when temp files stay where they were. */
export function useRamTmpdir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CLEARANCE_TEST_TMPDIR === 'disk') return undefined;
  try {
    const fs = statfsSync(SHM);
    if (fs.type !== TMPFS_MAGIC || fs.bavail * fs.bsize < NEEDS_BYTES) return undefined;
  } catch {
    return undefined;
  }
  const dir = mkdtempSync(join(SHM, 'clearance-test-'));
  env.TMPDIR = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
