// Reads a release's per-host signal cache dirs (`<host><ext>` files, capped) and their `.fetched.json` logs, refusing anything that is not a regular file inside the release.
import { realpathSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FetchLog } from '../catalog/index.js';
import { resolveInsideSync } from '../image/path-safety.js';
import { CliError } from '../util/cli-error.js';
import { sha256Hex } from '../util/hash.js';
import { readRegular, readRegularText, UnreadableFile } from '../util/read-regular.js';

/** The log `clearance fetch-signals` keeps in each cache dir (a dot-file: never a host name). */
export const FETCH_LOG = '.fetched.json';

export interface SignalFile {
  text: string;
  sha256: string;
  /** The file was longer than the read limit: only its first `maxBytes` were read. */
  truncated: boolean;
}

/** An opt-out file that cannot be read stops the run with a message: an opt-out is never skipped silently. */
export async function readSignalFile(path: string, what: string, opts: { maxBytes?: number; truncate?: boolean } = {}): Promise<Buffer> {
  try {
    return await readRegular(path, opts);
  } catch (err) {
    if (err instanceof UnreadableFile) throw new CliError(`${what}: ${err.message}`);
    throw new CliError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** The `<host><ext>` files of a cache dir; each must be a regular file inside the release (symlinks are followed and
 *  checked). With `truncate`, a file over `maxBytes` is read up to it (RFC 9309 lets a parser stop at its limit);
 *  otherwise it stops the run. */
export async function readDirFiles(releaseDir: string, dir: string, ext: string, what: string, maxBytes: number, truncate: boolean): Promise<Map<string, SignalFile>> {
  const out = new Map<string, SignalFile>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw new CliError(`cannot list ${what} ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  for (const name of names.sort()) {
    if (!name.endsWith(ext) || name.startsWith('.')) continue;
    const r = resolveInsideSync(releaseDir, relative(realpathSync.native(releaseDir), join(dir, name)), { what: `${what} file` });
    if (!r.ok) throw new CliError(r.detail);
    const bytes = await readSignalFile(r.path, `${what} ${name}`, truncate ? { maxBytes: maxBytes + 1, truncate } : { maxBytes });
    const cut = bytes.length > maxBytes;
    const kept = cut ? bytes.subarray(0, maxBytes) : bytes;
    out.set(name.slice(0, -ext.length).toLowerCase(), { text: kept.toString('utf8'), sha256: sha256Hex(kept), truncated: cut });
  }
  return out;
}

/** A cache dir's fetch log; a missing one is empty, an unreadable or malformed one is reported and ignored (dates are then unknown). */
export async function readFetchLog(dir: string, warnings: string[]): Promise<FetchLog> {
  let text: string;
  try {
    text = await readRegularText(join(dir, FETCH_LOG), { maxBytes: 256 * 1024 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`${join(dir, FETCH_LOG)}: ${(err as Error).message}`);
    return {};
  }
  try {
    return FetchLog.parse(JSON.parse(text));
  } catch (err) {
    warnings.push(`${join(dir, FETCH_LOG)} is not a fetch log (${(err as Error).message.split('\n')[0]}): fetch dates are unknown`);
    return {};
  }
}
