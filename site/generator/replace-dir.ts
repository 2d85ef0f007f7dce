// Swaps a freshly built directory into place; the replaced tree (100k+ files for a large site) is deleted by a
// detached process after the swap, so the build does not wait for it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const TRASH = '.replaced-';

/** Deletes `dir` in a detached child process that outlives this one. */
export function removeInBackground(dir: string): void {
  const code = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })';
  spawn(process.execPath, ['-e', code, dir], { detached: true, stdio: 'ignore' }).unref();
}

/** Puts `built` at `target`: rename (copy across file systems); the old `target` is restored if that fails. */
export async function replaceDir(built: string, target: string): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  // Leftovers of runs killed before their clean-up finished.
  const prefix = `${basename(target)}${TRASH}`;
  for (const name of await readdir(parent)) if (name.startsWith(prefix)) removeInBackground(join(parent, name));
  const old = join(parent, `${prefix}${process.pid}-${Date.now()}`);
  const hadOld = existsSync(target);
  if (hadOld) await rename(target, old);
  try {
    await rename(built, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EXDEV') {
      await cp(built, target, { recursive: true });
    } else {
      if (hadOld) await rename(old, target);
      throw err;
    }
  }
  if (hadOld) removeInBackground(old);
  await rm(built, { recursive: true, force: true });
}
