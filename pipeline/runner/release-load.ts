// Reads and validates release.json; anything that stops the whole run is a one-line CliError saying what to fix.
import { dirname, join } from 'node:path';
import { Release } from '../catalog/index.js';
import { releasePath } from '../image/path-safety.js';
import { adapters } from '../sources/index.js';
import { CliError } from '../util/cli-error.js';
import { readRegularText, UnreadableFile } from '../util/read-regular.js';

/** release.json is a few KiB; anything this large is not one. */
const MAX_RELEASE_JSON_BYTES = 16 * 1024 * 1024;

/** Every path release.json names, with the setting it comes from (a glob counts by its directory). */
function namedPaths(release: Release): [string, string][] {
  const out: [string, string][] = release.sources.map((s) => [`sources "${s.name}" path`, /[*?]/.test(s.path) ? dirname(s.path) : s.path]);
  const more: [string, string | undefined][] = [
    ['optOut.registry', release.optOut?.registry],
    ['optOut.aiTxt', release.optOut?.aiTxt],
    ['optOut.tdmRep', release.optOut?.tdmRep],
    ['optOut.robotsTxt', release.optOut?.robotsTxt],
    ['optOut.pages', release.optOut?.pages],
    ...[release.rightsHolders ?? []].flat().map((f): [string, string] => ['rightsHolders', f]),
    ['withdrawals', release.withdrawals],
    ['reviews', release.reviews],
    ['fetched', release.fetched],
  ];
  for (const [what, path] of more) if (path !== undefined) out.push([what, path]);
  return out;
}

export async function loadRelease(releaseDir: string): Promise<Release> {
  const path = join(releaseDir, 'release.json');
  let text: string;
  try {
    text = await readRegularText(path, { maxBytes: MAX_RELEASE_JSON_BYTES });
  } catch (err) {
    if (err instanceof UnreadableFile) throw new CliError(`cannot read ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ` — is ${releaseDir} a release directory? (\`clearance sample <dir>\` writes one)` : '';
    throw new CliError(`cannot read ${path}: ${code ?? String(err)}${hint}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${path} is not valid JSON (${(err as Error).message}): fix the file`);
  }
  const parsed = Release.safeParse(json);
  if (!parsed.success) {
    const what = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CliError(`${path} is not a valid release: ${what}`);
  }
  const known = adapters();
  const names = new Set<string>();
  for (const s of parsed.data.sources) {
    if (!known[s.adapter]) throw new CliError(`${path}: source "${s.name}" uses unknown adapter "${s.adapter}" (known: ${Object.keys(known).join(', ')})`);
    if (names.has(s.name)) throw new CliError(`${path}: source name "${s.name}" appears twice; source names must be unique`);
    names.add(s.name);
  }
  // Every path it names must resolve inside the release, after symlinks (whether or not it exists yet).
  for (const [what, p] of namedPaths(parsed.data)) releasePath(releaseDir, p, `${path}: ${what}:`);
  return parsed.data;
}
