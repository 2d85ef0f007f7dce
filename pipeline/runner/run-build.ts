// The build: read sources → stages (bounded pool, ordered stages in input order) → decisions/catalog/report, swapped in atomically.
import { access, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { decide, type ReleaseSource } from '../catalog/index.js';
import { createStages } from '../stages/index.js';
import type { Stage, StageContext, WorkItem } from '../work/stage.js';
import { getAdapter } from '../sources/index.js';
import type { SourceEntry } from '../sources/source.js';
import { Cache } from '../store/cache.js';
import { itemTimeoutMs as itemTimeoutSetting } from '../util/config.js';
import { toRecord } from './catalog-record.js';
import { recheckLicence } from '../rights/recheck.js';
import { toReviewRecord } from '../moderation/review-record.js';
import { checkPrevious, diffCatalogs, loadPrevious } from './diff.js';
import { FileStore } from '../store/file-store.js';
import { OrderedGates, type Turn } from './ordered-gates.js';
import { openOutput, recoverOutput } from './output-dir.js';
import { runPool } from './pool.js';
import { createProgress } from './progress.js';
import { loadRelease } from './release-load.js';
import { commitWithReport } from './commit-output.js';
import { SIGNAL_OUTPUTS, type BuildReport } from './report.js';
import { runItem, type Timings } from './run-item.js';
import { OrderedWriter } from './ordered-writer.js';
import { Tally } from './tally.js';
import { inputsFingerprint } from './up-to-date.js';
import { ShardTracker, shardItemLine, writeShardManifest } from './shard-output.js';
import type { ShardSpec } from './shard.js';
import { buildTime } from './build-time.js';
import { sha256Hex } from '../util/hash.js';

/** The previous build's report when --out holds a complete build of exactly these inputs. */
async function upToDateReport(out: string, fingerprint: string): Promise<BuildReport | undefined> {
  try {
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as BuildReport;
    if (report.inputsFingerprint !== fingerprint) return undefined;
    await Promise.all(['decisions.jsonl', 'catalog.jsonl', 'reviews.jsonl', 'signals.jsonl', 'report.html'].map((f) => access(join(out, f))));
    return { ...report, upToDate: true };
  } catch {
    return undefined;
  }
}

export interface BuildOptions {
  releaseDir: string;
  out: string;
  previous?: string;
  /** Items in flight at once (default: 4 × cores; pipeline/README.md, "clearance build", Concurrency). */
  concurrency?: number;
  /** libvips threads per image operation (default 1: parallelism comes from items in flight). */
  sharpThreads?: number;
  cacheDir?: string;
  progress?: boolean;
  /** Diagnostics (internal errors, recovered leftovers); default stderr. */
  log?: (line: string) => void;
  /** Stage list override (tests); default `createStages()`. */
  stages?: Stage[];
  /** Rebuild even when --out records the same inputs fingerprint (see up-to-date.ts). */
  force?: boolean;
  /** Build only the items whose id hashes to shard k of n (shard.ts); dedup is left to `clearance merge`. */
  shard?: ShardSpec;
  /** Each item's time budget in the stages, ms (0: none); default CLEARANCE_ITEM_TIMEOUT_MS, else 60,000. */
  itemTimeoutMs?: number;
}


interface Entry {
  index: number;
  /** Position in this build's outputs (= index unless sharded). */
  local: number;
  source: ReleaseSource;
  entry: SourceEntry;
  turns?: Map<string, Turn>;
  duplicate?: boolean;
}

export async function runBuild(opts: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const releaseDir = resolve(opts.releaseDir);
  const out = resolve(opts.out);
  const log = opts.log ?? ((l: string) => console.error(l));
  const notes: string[] = [];
  const note = (l: string) => {
    if (notes.length < 100) notes.push(l);
    log(l);
  };
  const itemTimeoutMs = opts.itemTimeoutMs ?? itemTimeoutSetting();
  const release = await loadRelease(releaseDir);
  if (opts.previous) await checkPrevious(opts.previous);
  const previous = opts.previous ? await loadPrevious(opts.previous) : undefined;
  for (const n of await recoverOutput(out)) note(n);
  const stages = opts.stages ?? createStages({ deferDedup: opts.shard !== undefined, ...(previous && opts.previous ? { previous: { dir: resolve(opts.previous), catalog: previous } } : {}) });
  const now = buildTime();
  const whole = opts.stages ? undefined : await inputsFingerprint(releaseDir, release, stages, (a) => getAdapter(a)!, now);
  const fingerprint = whole && opts.shard ? sha256Hex(`${whole}\0shard ${opts.shard.k}/${opts.shard.n}`) : whole;
  if (fingerprint && !opts.force && !opts.previous) {
    const done = await upToDateReport(out, fingerprint);
    if (done) return { ...done, checkMs: Math.round(performance.now() - started) };
  }
  const output = await openOutput(out);
  try {
    const concurrency = Math.max(1, opts.concurrency ?? availableParallelism() * 4);
    const sharpThreads = opts.sharpThreads ?? 1;
    sharp.concurrency(sharpThreads);
    sharp.cache(false);
    const cacheDir = resolve(opts.cacheDir ?? join(dirname(out), '.clearance-cache'));
    const cache = new Cache(cacheDir);
    const ctx: StageContext = {
      releaseDir,
      release,
      outDir: output.tmp,
      cache,
      files: new FileStore(join(cacheDir, 'files'), join(output.tmp, 'files')),
      concurrency,
      now,
      log: note,
    };
    for (const s of stages) await s.setup?.(ctx);
    const gates = new OrderedGates(stages.filter((s) => s.ordered).map((s) => s.name));
    const writer = new OrderedWriter(output.tmp, opts.shard ? 'shard-items.jsonl' : undefined);
    const shard = new ShardTracker(opts.shard);
    const tally = new Tally();
    const timings: Timings = {};
    const seen = new Set<string>();
    const progress = createProgress(opts.progress ?? false, started);
    let internalErrors = 0;

    async function* entries(): AsyncGenerator<Entry> {
      let index = 0;
      for (const source of release.sources) {
        const adapter = getAdapter(source.adapter)!;
        for await (const entry of adapter.read(source, { releaseDir, release, retrievedAt: now })) {
          const local = shard.take(source.name, entry.ok ? entry.item.id : entry.id);
          const at = index++;
          if (local !== undefined) yield { index: at, local, source, entry };
        }
      }
    }

    async function handle(e: Entry): Promise<void> {
      const id = e.entry.ok ? e.entry.item.id : e.entry.id;
      let decision;
      let record;
      let review;
      let work: WorkItem | undefined;
      if (!e.entry.ok || e.duplicate) {
        for (const t of e.turns!.values()) t.done();
        decision = e.entry.ok
          ? decide(id, [{ code: 'input.duplicate-id', detail: `id ${id} already appeared earlier in the release` }])
          : decide(id, [{ code: 'input.invalid', detail: e.entry.detail }]);
      } else {
        work = { index: e.index, id, source: e.source, item: e.entry.item, reasons: [], models: {} };
        await runItem(work, stages, e.turns!, ctx, timings, itemTimeoutMs);
        decision = decide(id, work.reasons);
        if (decision.status === 'accepted') {
          try {
            record = toRecord(work, release, now);
            // Second licence check at emit: the published evidence must still support the licence on its own.
            const why = recheckLicence(record.licence);
            if (why) {
              decision = decide(id, [{ code: 'licence.conflict', detail: `emit re-check: ${why}` }, ...work.reasons]);
              record = undefined;
            }
          } catch (err) {
            internalErrors++;
            const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
            decision = decide(id, [{ code: 'input.invalid', detail: `internal: accepted item failed the catalogue schema: ${msg}` }, ...work.reasons]);
          }
        } else if (decision.status === 'review') {
          try {
            review = toReviewRecord(work, decision, release, now);
          } catch (err) {
            internalErrors++;
            note(`${id}: held for review but no review record could be made: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
          }
        }
      }
      tally.add(e.source.name, decision);
      progress.tick(tally);
      const placed = work?.files ? Object.values(work.files) : work?.reviewThumb && review ? [work.reviewThumb] : undefined;
      await writer.add(e.local, { decision, record, review, signals: { id: decision.id, checks: [...(work?.signals ?? [])] }, ...(opts.shard ? { extra: shardItemLine(e.index, work?.dedup, placed) } : {}) });
    }

    // Ids and ordered-stage turns are claimed in input order, before any work: the first line with an id keeps it.
    await runPool(
      entries(),
      concurrency,
      (e) => {
        e.turns = gates.claim();
        const id = e.entry.ok ? e.entry.item.id : e.entry.id;
        e.duplicate = seen.has(id);
        seen.add(id);
      },
      handle,
    );
    for (const s of stages) await s.teardown?.(ctx);
    await writer.close();
    progress.end();
    for (const t of Object.values(timings)) internalErrors += t.errors;

    const durationMs = performance.now() - started;
    const report: BuildReport = {
      release: release.name,
      releaseDir,
      builtAt: now,
      durationMs: Math.round(durationMs),
      cpuMs: Math.round((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000),
      itemsPerSecond: tally.total / Math.max(0.001, durationMs / 1000),
      concurrency,
      sharpThreads,
      items: { total: tally.total, byStatus: tally.byStatus, byCode: tally.byCode, byReason: tally.byReason },
      sources: tally.sources,
      stages: timings,
      cache: { hits: cache.hits, misses: cache.misses },
      stats: Object.fromEntries(stages.filter((s) => s.stats).map((s) => [s.name, s.stats!()])),
      internalErrors,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      notes,
      // A time-out depends on the machine's load, not only on the inputs: such a build is never "up to date".
      inputsFingerprint: tally.byReason['image.timeout'] ? undefined : fingerprint,
      ...(opts.shard ? { shard: opts.shard } : {}),
      signals: SIGNAL_OUTPUTS,
      diff: previous && opts.previous ? await diffCatalogs(resolve(opts.previous), previous, output.tmp) : undefined,
    };
    if (opts.shard) await writeShardManifest(output.tmp, shard, release, releaseDir);
    return await commitWithReport(output, report);
  } catch (err) {
    await output.abort().catch(() => undefined);
    throw err;
  }
}
