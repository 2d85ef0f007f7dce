// Loads the release's rights holders file (JSON array or JSON Lines of RightsHolder) into a map by id.
import { RightsHolder } from '../catalog/index.js';
import { releasePath } from '../image/path-safety.js';
import { CliError } from '../util/cli-error.js';
import { priceProblem } from '../catalog/prices.js';
import { readRegularText } from '../util/read-regular.js';

export type RightsHolders = Map<string, RightsHolder>;

/** Resolves a release-relative file path, refusing paths that leave the release directory (symlinks included). */
export function insideRelease(releaseDir: string, path: string, what = 'file'): string {
  return releasePath(releaseDir, path, what, false);
}

/** Rights-holder files larger than this are refused (a file of a million holders is ~100 MiB). */
const MAX_HOLDERS_BYTES = 256 * 1024 * 1024;

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
    const badPrice = priceProblem('defaultPriceMicros', r.data.defaultPriceMicros);
    if (badPrice) return log(`rights holders: entry ${i + 1} (${r.data.id}) is invalid (${badPrice}); ignored`);
    if (holders.has(r.data.id)) log(`rights holders: duplicate id ${r.data.id}; the last entry wins`);
    holders.set(r.data.id, r.data);
  });
  return holders;
}

/** Reads the release's `rightsHolders` file(s), later files winning for the same id; none configured → an empty map
 *  (every opt-in is then unverified). */
export async function loadRightsHolders(releaseDir: string, paths: string | string[] | undefined, log: (line: string) => void): Promise<RightsHolders> {
  const all: RightsHolders = new Map();
  for (const path of [paths ?? []].flat()) for (const [id, h] of await loadOne(releaseDir, path, log)) all.set(id, h);
  return all;
}

async function loadOne(releaseDir: string, path: string, log: (line: string) => void): Promise<RightsHolders> {
  const full = insideRelease(releaseDir, path, 'rightsHolders');
  let text: string;
  try {
    text = await readRegularText(full, { maxBytes: MAX_HOLDERS_BYTES });
  } catch (e) {
    throw new CliError(`cannot read the rights holders file ${path}: ${(e as Error).message}`);
  }
  try {
    return parseRightsHolders(text, log);
  } catch (e) {
    throw new CliError(`the rights holders file ${path} is not a JSON array or JSON Lines: ${(e as Error).message}`);
  }
}
