// Cheap fingerprints of inputs (file paths, sizes, mtimes) so `npm start` can skip steps whose inputs did not change.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Hash of the given files' contents and of every path, size and mtime under the given directories (missing roots count as empty). */
export async function fingerprint(roots: string[], base: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    if (!existsSync(dir)) return;
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        await walk(path);
      } else if (e.isFile()) {
        const s = await stat(path);
        hash.update(`${relative(base, path)}\0${s.size}\0${s.mtimeMs}\n`);
      }
    }
  };
  for (const root of roots) {
    hash.update(`root:${relative(base, root)}\n`);
    const s = existsSync(root) ? await stat(root) : null;
    // A file named as a root is hashed by content (a rebuild that rewrites the same catalogue changes nothing).
    if (s?.isFile()) hash.update(createHash('sha256').update(await readFile(root)).digest('hex'));
    else await walk(root);
  }
  return hash.digest('hex');
}

/** A JSON file of step name → fingerprint of that step's inputs at its last successful run. */
export class StepStamps {
  private stamps: Record<string, string> = {};
  constructor(private readonly path: string) {}

  async load(): Promise<this> {
    if (existsSync(this.path)) this.stamps = JSON.parse(await readFile(this.path, 'utf8')) as Record<string, string>;
    return this;
  }

  fresh(step: string, print: string): boolean {
    return this.stamps[step] === print;
  }

  async record(step: string, print: string): Promise<void> {
    this.stamps[step] = print;
    await writeFileAtomic(this.path, `${JSON.stringify(this.stamps, null, 2)}\n`);
  }
}
