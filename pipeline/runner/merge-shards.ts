// `clearance merge`: shard outputs → one output equal to a whole build's (input order, cross-shard dedup, files, report, diff).
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decide, type CatalogRecord, type Decision, type ReviewRecord, type ShardItem, type SignalLine } from '../catalog/index.js';
import { createDedupJudge } from '../stages/dedup-judge.js';
import { OPTED_OUT_FILE, optedOutLines, seedPrevious } from '../stages/opted-out.js';
import { identityFrom } from '../image/identity-format.js';
import { appearanceOptOut } from '../optout/by-appearance.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { loadRelease } from './release-load.js';
import { checkPrevious, diffCatalogs, loadPrevious } from './diff.js';
import { FileStore } from '../store/file-store.js';
import { JsonlReader } from './jsonl-reader.js';
import { mergeReports } from './merge-report.js';
import { OrderedWriter } from './ordered-writer.js';
import { openOutput, recoverOutput } from './output-dir.js';
import { createProgress } from './progress.js';
import { commitWithReport } from './commit-output.js';
import { SIGNAL_OUTPUTS, type BuildReport } from './report.js';
import { loadShardSet, type ShardOut } from './shard-set.js';
import { Tally } from './tally.js';
import { CliError } from '../util/cli-error.js';

export interface MergeOptions {
  shardDirs: string[];
  out: string;
  previous?: string;
  progress?: boolean;
  log?: (line: string) => void;
}

interface Cursor {
  shard: ShardOut;
  items: JsonlReader<ShardItem>;
  decisions: JsonlReader<Decision>;
  catalog: JsonlReader<CatalogRecord>;
  reviews: JsonlReader<ReviewRecord>;
  signals: JsonlReader<SignalLine>;
  files: FileStore;
  head?: ShardItem;
}

export async function runMerge(opts: MergeOptions): Promise<BuildReport> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const out = resolve(opts.out);
  const log = opts.log ?? ((l: string) => console.error(l));
  const shards = await loadShardSet(opts.shardDirs);
  if (opts.previous) await checkPrevious(opts.previous);
  const previous = opts.previous ? await loadPrevious(opts.previous) : undefined;
  for (const n of await recoverOutput(out)) log(n);
  const output = await openOutput(out);
  try {
    await copySignalSources(shards, output.tmp);
    const { total, sources } = shards[0]!.manifest;
    const cursors: Cursor[] = shards.map((shard) => ({
      shard,
      items: new JsonlReader<ShardItem>(join(shard.dir, 'shard-items.jsonl')),
      decisions: new JsonlReader<Decision>(join(shard.dir, 'decisions.jsonl')),
      catalog: new JsonlReader<CatalogRecord>(join(shard.dir, 'catalog.jsonl')),
      reviews: new JsonlReader<ReviewRecord>(join(shard.dir, 'reviews.jsonl')),
      signals: new JsonlReader<SignalLine>(join(shard.dir, SIGNAL_OUTPUTS.matrix)),
      files: new FileStore(join(shard.dir, 'files'), join(output.tmp, 'files')),
    }));
    for (const c of cursors) c.head = await c.items.next();
    const writer = new OrderedWriter(output.tmp);
    const judge = createDedupJudge();
    // --previous: its opted-out pictures, and those this release withdraws or lists (read from the release the shards
    // were built from), are indexed first, as the whole build's dedup stage does.
    if (previous && opts.previous) {
      const releaseDir = shards[0]!.manifest.releaseDir;
      const release = await loadRelease(releaseDir).catch((err: unknown) => {
        throw new CliError(`merge --previous reads the release's withdrawals and registry from ${releaseDir} (shard.json): ${err instanceof Error ? err.message : String(err)}`);
      });
      await seedPrevious(judge, { dir: resolve(opts.previous), catalog: previous }, { releaseDir, release });
    }
    const tally = new Tally();
    const progress = createProgress(opts.progress ?? false, started, 'merging');
    let source = 0;
    for (let index = 0; index < total; index++) {
      const c = cursors.find((x) => x.head?.index === index);
      if (!c) throw new CliError(`no shard holds input item ${index}: the shard outputs are damaged; rebuild them`);
      const item = c.head!;
      let decision = await c.decisions.must(`the decision of input item ${index}`);
      let record = decision.status === 'accepted' ? await c.catalog.must(`the catalogue record of ${decision.id}`) : undefined;
      // Held items are never deduplicated, so their review line passes through unchanged.
      const review = decision.status === 'review' ? await c.reviews.next() : undefined;
      if (review && review.id !== decision.id) throw new CliError(`${c.reviews.path} is out of step with its decisions (${review.id} where ${decision.id} was expected): rebuild that shard`);
      const signals = await c.signals.must(`the signal matrix line of ${decision.id}`);
      if (signals.id !== decision.id) throw new CliError(`${c.signals.path} is out of step with its decisions (${signals.id} where ${decision.id} was expected): rebuild that shard`);
      let files = item.files ?? [];
      const d = item.dedup;
      const identity = d?.fingerprint && d.lookup !== undefined ? identityFrom(d.fingerprint, d.lookup) : undefined;
      const refusal = d && appearanceOptOut(d.reasons);
      if (d && refusal) judge.optedOut(decision.id, d.sha256, identity, refusal);
      const demoted = d && !refusal && judge.judge(decision.id, d.sha256, identity);
      if (demoted) {
        decision = decide(decision.id, [...d.reasons, demoted]);
        record = undefined;
        files = [];
      }
      for (const key of files) await c.files.place(key);
      while (index >= sources[source]!.to) source++;
      tally.add(sources[source]!.name, decision);
      progress.tick(tally);
      await writer.add(index, { decision, signals, ...(record ? { record } : {}), ...(review ? { review } : {}) });
      c.head = await c.items.next();
    }
    await writer.close();
    await writeFileAtomic(join(output.tmp, OPTED_OUT_FILE), optedOutLines(judge.optedOutList));
    progress.end();
    const leftover = cursors.find((c) => c.head);
    if (leftover) throw new CliError(`${leftover.shard.dir} holds items past the release's ${total}: rebuild that shard`);
    const cpu = process.cpuUsage(cpu0);
    const report = mergeReports(shards, {
      tally,
      dedup: judge.counts,
      mergeMs: performance.now() - started,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(previous && opts.previous ? { diff: await diffCatalogs(resolve(opts.previous), previous, output.tmp) } : {}),
    });
    return await commitWithReport(output, report);
  } catch (err) {
    await output.abort().catch(() => undefined);
    throw err;
  }
}

/** Every shard read the same opt-out snapshots (signal-sources.json equal byte for byte); the merge keeps that one. */
async function copySignalSources(shards: ShardOut[], dir: string): Promise<void> {
  const texts = await Promise.all(shards.map((s) => readFile(join(s.dir, SIGNAL_OUTPUTS.sources), 'utf8').catch(() => undefined)));
  const first = texts[0];
  if (first === undefined) return;
  const odd = texts.findIndex((t) => t !== first);
  if (odd >= 0) throw new CliError(`${shards[odd]!.dir} was built from other opt-out snapshots than ${shards[0]!.dir} (${SIGNAL_OUTPUTS.sources} differs): rebuild the shards from one release`);
  await writeFile(join(dir, SIGNAL_OUTPUTS.sources), first);
}
