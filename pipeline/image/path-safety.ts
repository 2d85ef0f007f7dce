// The one check for paths a release names (release.json paths, image refs, files inside opt-out dirs): they must resolve, after symlinks, inside the release.
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CliError } from '../util/cli-error.js';

/** `path` on a missing-file failure: where the file would be (realpath of its existing ancestors). */
export type Resolved = { ok: true; path: string } | { ok: false; missing: boolean; detail: string; path?: string };

function inside(root: string, path: string, allowRoot: boolean): boolean {
  const rel = relative(root, path);
  if (rel === '') return allowRoot;
  return !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const realRoots = new Map<string, string>();

/** realpath of a root, looked up once per process (release roots do not move during a run). */
function realRootOf(root: string): string {
  let r = realRoots.get(root);
  if (r === undefined) {
    r = realpathSync.native(root);
    if (realRoots.size > 1000) realRoots.clear();
    realRoots.set(root, r);
  }
  return r;
}

/** realpath of the deepest existing ancestor, with the missing tail appended (so a path that does not exist yet is judged by where it would be). */
function realpathOfExisting(path: string): { real: string; missing: boolean } {
  let tail = '';
  for (let p = path; ; p = dirname(p)) {
    try {
      return { real: join(realpathSync.native(p), tail), missing: tail !== '' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(p) === p) throw err;
      tail = tail ? join(basename(p), tail) : basename(p);
    }
  }
}

export interface InsideOptions {
  /** What the path is, for messages ("image", "optOut.aiTxt", …). */
  what?: string;
  /** Whether the root itself is acceptable (a directory setting such as `fetched: "."`). */
  allowRoot?: boolean;
}

/**
 * `ref` must be a relative path that stays inside `root` both as written and after following symlinks (of the
 * deepest part that exists). Returns `missing: true` only for a well-formed path inside whose file does not exist.
 */
export function resolveInsideSync(root: string, ref: string, opts: InsideOptions = {}): Resolved {
  const what = opts.what ?? 'image';
  const bad = (detail: string): Resolved => ({ ok: false, missing: false, detail });
  if (ref.includes('\0')) return bad(`${what} path contains a NUL byte`);
  if (isAbsolute(ref) || /^[a-z]:[\\/]/i.test(ref) || ref.startsWith('\\')) return bad(`${what} path must be relative to the release directory: ${ref}`);
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) return bad(`${what} must be a relative path${what === 'image' ? ' or an http(s) URL' : ''}: ${ref}`);
  let realRoot: string;
  try {
    realRoot = realRootOf(root);
  } catch (err) {
    return { ok: false, missing: true, detail: `cannot resolve the directory ${root}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  const lexical = resolve(realRoot, ref);
  if (!inside(realRoot, lexical, opts.allowRoot ?? false)) return bad(`${what} path leaves the release directory: ${ref}`);
  let found: { real: string; missing: boolean };
  try {
    found = realpathOfExisting(lexical);
  } catch (err) {
    return { ok: false, missing: true, detail: `cannot open ${what === 'image' ? 'image file' : what} ${ref}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (!inside(realRoot, found.real, opts.allowRoot ?? false)) return bad(`${what} path resolves outside the release directory (symlink): ${ref}`);
  if (found.missing) return { ok: false, missing: true, detail: `${what === 'image' ? 'image file' : what} not found: ${ref}`, path: found.real };
  return { ok: true, path: found.real };
}

/** The image-stage form: an item's image path inside the release (or a recorded body inside the fetched dir). */
export async function resolveInside(root: string, ref: string): Promise<Resolved> {
  return resolveInsideSync(root, ref);
}

/**
 * A path named in release.json (a source file, `fetched`, an opt-out file or dir, rights holders, withdrawals,
 * reviews), resolved inside the release after symlinks; it may not exist yet. Throws a CliError saying what to fix.
 */
export function releasePath(releaseDir: string, path: string, what: string, allowRoot = true): string {
  const r = resolveInsideSync(releaseDir, path, { what, allowRoot });
  if (r.ok) return r.path;
  if (r.missing && r.path) return r.path;
  throw new CliError(r.detail);
}
