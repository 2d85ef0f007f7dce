// Loads the outputs of `clearance build --shard k/N` and checks they form one complete set: same release, same N, each k once.
import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ShardManifest } from '../catalog/index.js';
import { CliError } from '../util/cli-error.js';
import type { BuildReport } from './report.js';

export interface ShardOut {
  dir: string;
  manifest: ShardManifest;
  report: BuildReport;
}

const FILES = ['decisions.jsonl', 'catalog.jsonl', 'reviews.jsonl', 'signals.jsonl', 'shard-items.jsonl', 'report.json'];

async function loadOne(dir: string): Promise<ShardOut> {
  let text: string;
  try {
    text = await readFile(join(dir, 'shard.json'), 'utf8');
  } catch {
    throw new CliError(`${dir} has no shard.json: pass output directories of \`clearance build --shard k/N\``);
  }
  let parsed;
  try {
    parsed = ShardManifest.safeParse(JSON.parse(text));
  } catch (err) {
    throw new CliError(`${dir}/shard.json is not valid JSON (${(err as Error).message}): rebuild that shard`);
  }
  if (!parsed.success) throw new CliError(`${dir}/shard.json is not a shard manifest (${parsed.error.issues[0]?.message}): rebuild that shard`);
  for (const f of FILES) {
    try {
      await access(join(dir, f));
    } catch {
      throw new CliError(`${dir} has shard.json but no ${f}: the shard build did not finish; rebuild it`);
    }
  }
  const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as BuildReport;
  return { dir, manifest: parsed.data, report };
}

/** The shards in k order, or a CliError saying what is missing, repeated or mixed. */
export async function loadShardSet(dirs: string[]): Promise<ShardOut[]> {
  if (!dirs.length) throw new CliError('expected the output directories of the shard builds');
  const shards = await Promise.all(dirs.map((d) => loadOne(resolve(d))));
  const first = shards[0]!.manifest;
  for (const s of shards) {
    const m = s.manifest;
    const where = `${s.dir} (shard ${m.k}/${m.n} of release "${m.release}")`;
    if (m.release !== first.release || m.releaseSha256 !== first.releaseSha256) throw new CliError(`${where} is from a different release than ${shards[0]!.dir} ("${first.release}"): merge shards of one release`);
    if (m.n !== first.n) throw new CliError(`${where} was built with N=${m.n}, ${shards[0]!.dir} with N=${first.n}: merge shards of one split`);
    if (m.total !== first.total || JSON.stringify(m.sources) !== JSON.stringify(first.sources)) throw new CliError(`${where} read different input (${m.total} items) than ${shards[0]!.dir} (${first.total}): rebuild the shards from the same release`);
  }
  const byK = new Map<number, ShardOut>();
  for (const s of shards) {
    const twice = byK.get(s.manifest.k);
    if (twice) throw new CliError(`shard ${s.manifest.k}/${first.n} given twice (${twice.dir} and ${s.dir})`);
    byK.set(s.manifest.k, s);
  }
  const missing = Array.from({ length: first.n }, (_, k) => k).filter((k) => !byK.has(k));
  if (missing.length) throw new CliError(`incomplete shard set: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${first.n}`).join(', ')}`);
  const items = shards.reduce((n, s) => n + s.manifest.items, 0);
  if (items !== first.total) throw new CliError(`the shards hold ${items} items but the release has ${first.total}: rebuild the shards`);
  return [...byK.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s);
}
