// `clearance prune <manifest> --feed <url> [--delete <dir>] [--out <file>] [--since <cursor>] [--dry-run]`: for people
// holding a downloaded copy: which of its items were withdrawn since (by id or sha256; a later reinstatement cancels),
// a manifest without them, and optionally their image files removed.
import { rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { statSync } from 'node:fs';
import { matchingFiles, fileStems } from '../prune/downloads.js';
import { readFeed, withdrawalOf } from '../prune/feed.js';
import { readManifest } from '../prune/manifest-file.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CliError } from '../util/cli-error.js';
import { parseArgsOrExplain } from '../util/parse-args.js';

const USAGE = 'usage: clearance prune <manifest> --feed <url> [--delete <dir>] [--out <file>] [--since <cursor>] [--dry-run]';

/** `<dir>/<name>.pruned<ext>` beside the manifest. */
export function prunedPath(manifest: string): string {
  const ext = extname(manifest);
  return join(dirname(manifest), `${basename(manifest, ext)}.pruned${ext}`);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgsOrExplain(
    {
      args: argv,
      allowPositionals: true,
      options: {
        feed: { type: 'string' },
        delete: { type: 'string' },
        out: { type: 'string' },
        since: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [manifestPath, ...extra] = positionals;
  if (!manifestPath || extra.length) throw new CliError(USAGE);
  if (!values.feed) throw new CliError(`--feed <url> is required: the Clearance site the copy came from (${USAGE})`);
  if (!/^https?:\/\//i.test(values.feed)) throw new CliError(`--feed must be an http(s) URL, got "${values.feed}"`);
  if (values.delete !== undefined && !statSync(values.delete, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`--delete ${values.delete}: not a directory`);
  const dry = values['dry-run'];

  const manifest = await readManifest(manifestPath);
  const state = await readFeed(values.feed, values.since);
  const drop = new Set<number>();
  const lines: string[] = [];
  manifest.items.forEach((item, i) => {
    const w = withdrawalOf(state, item.id, item.hashes);
    if (!w) return;
    drop.add(i);
    lines.push(`  ${item.id}  ${w.code}  ${w.at}${w.detail ? `  ${w.detail}` : ''}`);
  });
  console.log(`clearance prune: ${drop.size} of ${manifest.items.length} items in ${manifestPath} were withdrawn (feed ${values.feed}: ${state.changes} changes in ${state.pages} page${state.pages === 1 ? '' : 's'}, cursor ${state.cursor})`);
  for (const l of lines) console.log(l);

  const out = values.out ?? prunedPath(manifestPath);
  if (dry) console.log(`  dry run: would write ${out} with ${manifest.items.length - drop.size} items`);
  else {
    await writeFileAtomic(out, await manifest.without(drop));
    console.log(`  wrote ${out} (${manifest.format}, ${manifest.items.length - drop.size} items)`);
  }

  if (values.delete !== undefined) {
    const stems = new Set<string>();
    for (const i of drop) for (const s of fileStems(manifest.items[i]!.id, manifest.items[i]!.hashes)) stems.add(s);
    const files = [...(await matchingFiles(values.delete, stems)).values()].flat().sort();
    for (const f of files) {
      if (!dry) await rm(f, { force: true });
      console.log(`  ${dry ? 'would delete' : 'deleted'} ${f}`);
    }
    console.log(`  ${dry ? 'would delete' : 'deleted'} ${files.length} file${files.length === 1 ? '' : 's'} in ${values.delete}`);
  }
  console.log(`  next time: --since ${state.cursor} lists only what changed after this run`);
  return 0;
}
