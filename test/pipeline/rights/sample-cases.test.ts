// The sample release's rights cases: they cover every licence.* code and the rights stage gives each its expected code.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { CODES, decide, type Release, type ReleaseSource } from '../../../pipeline/catalog/index.js';
import { rightsCases } from '../../../pipeline/sample/cases-rights.js';
import type { StageContext, WorkItem } from '../../../pipeline/stages/stage.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';

let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

test('rights sample cases cover every licence code and decide as expected', async () => {
  const set = await rightsCases({ count: 0 });
  dir = await mkdtemp(join(tmpdir(), 'rights-cases-'));
  for (const [path, body] of Object.entries(set.files ?? {})) await writeFile(join(dir, path), body);
  const main: ReleaseSource = { name: 'sample', adapter: 'manifest', path: 'manifest.jsonl' };
  const release: Release = { name: 'cases', ...set.release, sources: [main, ...(set.release?.sources ?? [])] };
  const stage = rightsStage();
  const ctx = { releaseDir: dir, release, now: '2026-11-25T00:00:00Z', log: () => {} } as unknown as StageContext;
  await stage.setup?.(ctx);

  const seen = new Set<string>();
  for (const c of set.cases) {
    const source = release.sources.find((s) => s.name === (c.source ?? 'sample'))!;
    const { id, ...rest } = c.item;
    const work: WorkItem = {
      index: 0,
      id: `${source.name}:${id}`,
      source,
      item: { ...rest, id: `${source.name}:${id}`, foreignId: id, image: 'x.png', tags: [], metadataSha256: '0'.repeat(64) },
      reasons: [],
      models: {},
    };
    await stage.process(work, ctx);
    const d = decide(work.id, work.reasons);
    expect([id, d.reasons[0]!.code]).toEqual([id, c.expect]);
    for (const r of d.reasons) seen.add(r.code);
    expect(c.picture && 'seed' in c.picture).toBe(true);
  }
  const licenceCodes = [...Object.keys(CODES).filter((k) => k.startsWith('licence.')), 'licence.pd-by-age'];
  expect(licenceCodes.filter((k) => !seen.has(k))).toEqual([]);
});
