// Runs the sample release's generated cases through real stages in process: each case id → its first decision code.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Release, decide, statusOf } from '../../pipeline/catalog/index.js';
import { writeSample } from '../../pipeline/sample/generate.js';
import { getAdapter } from '../../pipeline/sources/index.js';
import { Cache } from '../../pipeline/store/cache.js';
import { FileStore } from '../../pipeline/store/file-store.js';
import type { Stage, StageContext, WorkItem } from '../../pipeline/work/stage.js';

/** Writes the sample into `dir`, then runs `stages` in order over the items whose ids are `ids` (without the `sample:` prefix). */
export async function decideSampleCases(dir: string, stages: Stage[], ids: string[], now: string): Promise<Map<string, string>> {
  await writeSample(dir, 10);
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
