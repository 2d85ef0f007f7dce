// Finds a downloaded copy's image files for withdrawn items in a directory: files named by the item's sha256 (or the
// manifest's sourceSha256) or by its id, with one extension or none, at any depth.
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** The names a file of this item may have (without extension): sha256s, the id, and the id made filename-safe. */
export function fileStems(id: string, hashes: readonly string[]): string[] {
  return [...new Set([...hashes, id, id.replace(/[^A-Za-z0-9._-]/g, '_')])];
}

/** Every regular file under `dir` whose name without its extension(s) is one of `stems`, keyed by that stem. */
export async function matchingFiles(dir: string, wanted: ReadonlySet<string>): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile()) continue;
    const name = e.name;
    // `<stem>.<ext>` or `<stem>` alone (never a shorter prefix: `a.b.jpg` is not a file of item `a`).
    const candidates = [name, basename(name, extname(name))];
    const stem = candidates.find((c) => wanted.has(c));
    if (!stem) continue;
    const list = found.get(stem) ?? [];
    list.push(join(e.parentPath, name));
    found.set(stem, list);
  }
  return found;
}
