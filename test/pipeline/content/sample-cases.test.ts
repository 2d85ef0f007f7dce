// The sample release's content cases (AI-generation markers): written by `writeSample`, run through the real rights, image and content-signals stages.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES, Release, decide, statusOf } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { contentCases } from '../../../pipeline/sample/cases-content.js';
import { writeSample } from '../../../pipeline/sample/generate.js';
import { getAdapter } from '../../../pipeline/sources/index.js';
import { contentSignalsStage } from '../../../pipeline/stages/content-signals.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';

let dir: string;
const got = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-content-sample-'));
  await writeSample(dir, 10);
  const release = Release.parse(JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')));
  const ctx: StageContext = { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now: '2026-12-01T00:00:00Z', log: () => {} };
  const stages = [rightsStage(), imageStage(), contentSignalsStage()];
  for (const s of stages) await s.setup?.(ctx);
  const ours = new Set((await contentCases({ count: 10 })).cases.map((c) => `sample:${c.item.id}`));
  const source = release.sources.find((s) => s.name === 'sample')!;
  let index = 0;
  for await (const entry of getAdapter(source.adapter)!.read(source, { releaseDir: dir, release, retrievedAt: ctx.now })) {
    if (!entry.ok || !ours.has(entry.item.id)) continue;
    const w: WorkItem = { index: index++, id: entry.item.id, source, item: entry.item, reasons: [], models: {} };
    for (const s of stages) if (!w.reasons.some((r) => statusOf(r.code) === 'rejected')) await s.process(w, ctx);
    got.set(w.id, decide(w.id, w.reasons).reasons[0]!.code);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('content sample cases', () => {
  it('cover every content.* code, each decided as expected.json says', async () => {
    const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
    expect(got.size).toBe((await contentCases({ count: 10 })).cases.length);
    for (const [id, code] of got) expect({ id, code }).toEqual({ id, code: expected[id] });
    const codes = new Set(got.values());
    for (const code of Object.keys(CODES).filter((c) => c.startsWith('content.'))) expect(codes).toContain(code);
  });
});
