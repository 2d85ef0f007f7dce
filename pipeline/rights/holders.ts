// Loads the release's rights holders file (JSON array or JSON Lines of RightsHolder) into a map by id.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { RightsHolder } from '../catalog/index.js';
import { CliError } from '../util/cli-error.js';

export type RightsHolders = Map<string, RightsHolder>;

/** Resolves a release-relative path, refusing paths that leave the release directory. */
export function insideRelease(releaseDir: string, path: string): string {
  const full = resolve(releaseDir, path);
  const rel = relative(resolve(releaseDir), full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new CliError(`path leaves the release directory: ${path}`);
  return full;
}

/** Parses the file's text: a JSON array, or one JSON object a line. Invalid entries are reported, not fatal. */
export function parseRightsHolders(text: string, log: (line: string) => void = () => {}): RightsHolders {
  const trimmed = text.trim();
  let raw: unknown[];
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    raw = Array.isArray(parsed) ? parsed : [];
  } else {
    raw = [];
    for (const [i, line] of trimmed.split(/\r?\n/).entries()) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      try {
        raw.push(JSON.parse(line));
      } catch {
        log(`rights holders: line ${i + 1} is not JSON; ignored`);
      }
    }
  }
  const holders: RightsHolders = new Map();
  raw.forEach((entry, i) => {
    const r = RightsHolder.safeParse(entry);
    if (!r.success) return log(`rights holders: entry ${i + 1} is invalid (${r.error.issues[0]?.message ?? 'schema'}); ignored`);
    if (holders.has(r.data.id)) log(`rights holders: duplicate id ${r.data.id}; the last entry wins`);
    holders.set(r.data.id, r.data);
  });
  return holders;
}

/** Reads the release's `rightsHolders` file; none configured → an empty map (every opt-in is then unverified). */
export async function loadRightsHolders(releaseDir: string, path: string | undefined, log: (line: string) => void): Promise<RightsHolders> {
  if (!path) return new Map();
  const full = insideRelease(releaseDir, path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read the rights holders file ${path}: ${(e as Error).message}`);
  }
  try {
    return parseRightsHolders(text, log);
  } catch (e) {
    throw new CliError(`the rights holders file ${path} is not a JSON array or JSON Lines: ${(e as Error).message}`);
  }
}
