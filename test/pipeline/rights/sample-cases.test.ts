// The sample release's rights and moderation cases: they cover every licence code, and the rights stage (then the
// opt-out and moderation stages, with the sample's reviews file) gives each its expected main code.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { CODES, decide, statusOf } from '../../../pipeline/catalog/index.js';
import { loadRelease } from '../../../pipeline/runner/release-load.js';
import { writeSample } from '../../../pipeline/sample/generate.js';
import { moderationCases } from '../../../pipeline/sample/cases-moderation.js';
import { rightsCases } from '../../../pipeline/sample/cases-rights.js';
import { getAdapter } from '../../../pipeline/sources/index.js';
import { moderationStage } from '../../../pipeline/stages/moderation.js';
import { optoutStage } from '../../../pipeline/stages/optout.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { removeTempDirs, tempDir } from '../support/cli.js';

afterAll(removeTempDirs);

test('rights and moderation sample cases cover every licence code and decide as expected', async () => {
  const dir = await tempDir('rights-cases-');
  await writeSample(dir, 0);
  const release = await loadRelease(dir);
  const stages = [rightsStage(), optoutStage(), moderationStage()];
  const ctx = { releaseDir: dir, release, now: '2026-11-25T00:00:00Z', log: () => {} } as unknown as StageContext;
  for (const s of stages) await s.setup?.(ctx);

  const sets = [await rightsCases({ count: 0 }), await moderationCases({ count: 0 })];
  const want = new Map<string, string>(sets.flatMap((s) => s.cases.map((c) => [`${c.source ?? 'sample'}:${c.item.id}`, c.expect] as const)));
  const seen = new Set<string>();
  let checked = 0;
  for (const source of release.sources) {
    for await (const entry of getAdapter(source.adapter)!.read(source, { releaseDir: dir, release, retrievedAt: '2026-11-25T00:00:00Z' })) {
      if (!entry.ok || !want.has(entry.item.id)) continue;
      const work: WorkItem = { index: 0, id: entry.item.id, source, item: entry.item, reasons: [], models: {} };
      // The image stage's part of the evidence: the image's SHA-256 (the moderation stage binds decisions to it).
      const sha256 = sha256Hex(await readFile(join(dir, entry.item.image)));
      for (const stage of stages) {
        if (stage.name === 'moderation') work.image = { sha256, bytes: 1, width: 1, height: 1, format: 'png', phash: '0'.repeat(16) };
        if (!work.reasons.some((r) => statusOf(r.code) === 'rejected')) await stage.process(work, ctx);
      }
      const d = decide(work.id, work.reasons);
      expect([work.id, d.reasons[0]!.code]).toEqual([work.id, want.get(work.id)]);
      for (const r of d.reasons) seen.add(r.code);
      checked++;
    }
  }
  expect(checked).toBe(want.size);
  const licenceCodes = [...Object.keys(CODES).filter((k) => k.startsWith('licence.')), 'licence.pd-by-age'];
  expect(licenceCodes.filter((k) => !seen.has(k))).toEqual([]);
  for (const c of sets[0]!.cases) expect(c.picture && 'seed' in c.picture).toBe(true);
});
