// `clearance publish --export <dir>`: an export's metadata files to R2 under exports/<release>/ (image shards never:
// images stay behind metered downloads).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError } from '../util/cli-error.js';
import type { PublishTarget } from './target.js';

const ExportManifest = z.object({
  release: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'release names are letters, digits, . _ -'),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string(), kind: z.enum(['metadata', 'shard']) })),
});

const TYPES: Record<string, string> = { '.parquet': 'application/vnd.apache.parquet', '.md': 'text/markdown; charset=utf-8', '.json': 'application/json' };
const typeOf = (path: string): string => TYPES[/\.[a-z]+$/.exec(path)?.[0] ?? ''] ?? 'text/plain; charset=utf-8';

/** Paths the Worker serves from an export (publish uploads exactly these). */
export const EXPORT_PATH = /^(README\.md|LICENSES\.md|croissant\.json|export\.json|SHA256SUMS|metadata\/part-\d{5}\.parquet)$/;

export async function uploadExport(dir: string, target: PublishTarget): Promise<{ release: string; uploaded: number; skippedShards: number }> {
  if (!existsSync(join(dir, 'export.json'))) throw new CliError(`--export ${dir}: no export.json there (write one with \`clearance export\`)`);
  const parsed = ExportManifest.safeParse(JSON.parse(await readFile(join(dir, 'export.json'), 'utf8')));
  if (!parsed.success) throw new CliError(`--export ${dir}/export.json: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const m = parsed.data;
  const paths = [...m.files.filter((f) => f.kind === 'metadata').map((f) => f.path), 'export.json', 'SHA256SUMS'];
  for (const p of paths) if (!EXPORT_PATH.test(p)) throw new CliError(`--export ${dir}: unexpected file ${p} in export.json`);
  // export.json last: the API lists a release once its manifest is there, so every file it names is already up.
  for (const p of paths.filter((x) => x !== 'export.json')) await target.putObject(`exports/${m.release}/${p}`, join(dir, p), typeOf(p));
  await target.putObject(`exports/${m.release}/export.json`, join(dir, 'export.json'), typeOf('export.json'));
  return { release: m.release, uploaded: paths.length, skippedShards: m.files.filter((f) => f.kind === 'shard').length };
}
