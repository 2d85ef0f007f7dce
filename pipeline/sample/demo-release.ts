// The committed demo release (pipeline/sample/demo/) and its working copy for `npm start` (pull writes into a release).
import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const DEMO_RELEASE = resolve(import.meta.dirname, 'demo');

/** Copies the committed demo into `dir` when `dir` has no release yet or holds an older copy of the demo's items;
 *  files a pull added (moderators' decisions, withdrawals) are kept. Returns what it did. */
export async function ensureDemoCopy(dir: string): Promise<'copied' | 'refreshed' | 'kept'> {
  const fresh = !existsSync(join(dir, 'release.json'));
  if (!fresh) {
    const [ours, theirs] = await Promise.all([readFile(join(DEMO_RELEASE, 'items.jsonl'), 'utf8'), readFile(join(dir, 'items.jsonl'), 'utf8').catch(() => '')]);
    if (ours === theirs) return 'kept';
  }
  await cp(join(DEMO_RELEASE, 'images'), join(dir, 'images'), { recursive: true, force: true });
  await cp(join(DEMO_RELEASE, 'items.jsonl'), join(dir, 'items.jsonl'), { force: true });
  await cp(join(DEMO_RELEASE, 'README.md'), join(dir, 'README.md'), { force: true });
  // release.json: only on a fresh copy, since `clearance pull` records its files (reviews, withdrawals) there.
  if (fresh) await cp(join(DEMO_RELEASE, 'release.json'), join(dir, 'release.json'));
  return fresh ? 'copied' : 'refreshed';
}
