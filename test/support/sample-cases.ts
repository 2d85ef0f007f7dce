// Runs the sample release's generated cases through real stages in process: each case id → its first decision code.
import { rmSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Release, decide, statusOf } from '../../pipeline/catalog/index.js';
import { writeSample } from '../../pipeline/sample/generate.js';
import { getAdapter } from '../../pipeline/sources/index.js';
import { Cache } from '../../pipeline/store/cache.js';
import { FileStore } from '../../pipeline/store/file-store.js';
import type { Stage, StageContext, WorkItem } from '../../pipeline/work/stage.js';
import { buildOnce } from './build-once.js';

const COUNT = 10;
let own: Promise<string> | undefined;

/** writeSample(dir, 10), whose output is the same every time (~1.5 CPU-s of drawing): written once per test run (once
 *  per process without the run's global setup) and copied into `dir`. */
async function writeSampleCopy(dir: string): Promise<void> {
  const shared = await buildOnce(`sample-release-${COUNT}`, async (d) => void (await writeSample(join(d, 'release'), COUNT)));
  const from = shared ? join(shared, 'release') : await ownSample();
  await rm(dir, { recursive: true, force: true });
  await cp(from, dir, { recursive: true });
}

/** This process's copy, removed when it exits. */
function ownSample(): Promise<string> {
  own ??= mkdtemp(join(tmpdir(), 'clearance-sample-')).then(async (d) => {
    process.once('exit', () => rmSync(d, { recursive: true, force: true }));
    await writeSample(d, COUNT);
    return d;
  });
  return own;
}

/** Writes the sample into `dir`, then runs `stages` in order over the items whose ids are `ids` (without the `sample:` prefix). */
export async function decideSampleCases(dir: string, stages: Stage[], ids: string[], now: string): Promise<Map<string, string>> {
  await writeSampleCopy(dir);
  const release = Release.parse(JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')));
  const ctx: StageContext = { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now, log: () => {} };
  for (const s of stages) await s.setup?.(ctx);
  const ours = new Set(ids.map((id) => `sample:${id}`));
  const source = release.sources.find((s) => s.name === 'sample')!;
  const got = new Map<string, string>();
  let index = 0;
  for await (const entry of getAdapter(source.adapter)!.read(source, { releaseDir: dir, release, retrievedAt: ctx.now })) {
    if (!entry.ok || !ours.has(entry.item.id)) continue;
    const w: WorkItem = { index: index++, id: entry.item.id, source, item: entry.item, reasons: [], models: {} };
    for (const s of stages) if (!w.reasons.some((r) => statusOf(r.code) === 'rejected')) await s.process(w, ctx);
    got.set(w.id, decide(w.id, w.reasons).reasons[0]!.code);
  }
  return got;
}
