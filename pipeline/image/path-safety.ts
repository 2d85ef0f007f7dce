// Resolves an item's image path inside the release directory and refuses anything that leaves it (symlinks included).
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

const roots = new Map<string, Promise<string>>();

/** realpath of a release root, looked up once per process. */
function realRootOf(root: string): Promise<string> {
  let p = roots.get(root);
  if (!p) roots.set(root, (p = realpath(root)));
  return p;
}

export type Resolved = { ok: true; path: string } | { ok: false; missing: boolean; detail: string };

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * `ref` must be a relative path that stays inside `root` both as written and after following symlinks.
 * Returns `missing: true` only for a well-formed path whose file does not exist.
 */
export async function resolveInside(root: string, ref: string): Promise<Resolved> {
  if (ref.includes('\0')) return { ok: false, missing: false, detail: 'image path contains a NUL byte' };
  if (isAbsolute(ref) || /^[a-z]:[\\/]/i.test(ref) || ref.startsWith('\\')) {
    return { ok: false, missing: false, detail: `image path must be relative to the release directory: ${ref}` };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return { ok: false, missing: false, detail: `image must be a relative path or an http(s) URL: ${ref}` };
  const realRoot = await realRootOf(root);
  const lexical = resolve(realRoot, ref);
  if (!inside(realRoot, lexical)) return { ok: false, missing: false, detail: `image path leaves the release directory: ${ref}` };
  let real: string;
  try {
    real = realpathSync.native(lexical);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, missing: true, detail: `image file not found: ${ref}` };
    return { ok: false, missing: true, detail: `cannot open image file ${ref}: ${code ?? String(err)}` };
  }
  if (!inside(realRoot, real)) return { ok: false, missing: false, detail: `image path resolves outside the release directory (symlink): ${ref}` };
  return { ok: true, path: real };
}
