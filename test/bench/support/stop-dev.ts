// Ends a bench's dev server (its whole process group) and removes the state it persisted.
import type { ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

export async function stopDevAndClean(dev: ChildProcess | undefined, persist: string): Promise<void> {
  if (dev?.pid) {
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  await new Promise((r) => setTimeout(r, 500));
  await rm(persist, { recursive: true, force: true });
}
