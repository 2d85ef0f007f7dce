// Reads and validates release.json; anything that stops the whole run is a one-line CliError saying what to fix.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Release } from '../catalog/index.js';
import { adapters } from '../sources/index.js';
import { CliError } from '../util/cli-error.js';

export async function loadRelease(releaseDir: string): Promise<Release> {
  const path = join(releaseDir, 'release.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
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
  return parsed.data;
}
