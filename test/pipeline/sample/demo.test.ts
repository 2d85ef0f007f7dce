// The committed demo release (100 USDA Pomological Watercolors): size budget, real metadata, builds to 100 PDM items,
// and npm start's working copy of it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ManifestItem } from '../../../pipeline/catalog/release.js';
import { DEMO_RELEASE, ensureDemoCopy } from '../../../pipeline/sample/demo-release.js';
import { readJsonl, removeTempDirs, runCli, tempDir } from '../support/cli.js';

afterAll(removeTempDirs);

it('stays within 1.5 MB (du -cb) and every line is a real, complete record with its image', async () => {
  const total = Number(execFileSync('du', ['-cb', DEMO_RELEASE], { encoding: 'utf8' }).trim().split('\n').at(-1)!.split('\t')[0]);
  expect(total).toBeLessThanOrEqual(1_500_000);
  const items = (await readJsonl(join(DEMO_RELEASE, 'items.jsonl'))).map((l) => ManifestItem.parse(l));
  expect(items.length).toBe(100);
  expect(new Set(items.map((i) => i.id)).size).toBe(100);
  for (const i of items) {
    expect(i.id).toMatch(/^POM\d{8}$/);
    expect(existsSync(join(DEMO_RELEASE, i.image)), i.image).toBe(true);
    expect(i.sourceUrl).toMatch(/^https:\/\/naldc\.nal\.usda\.gov\/download\/POM\d+\/screen$/);
    expect(i.title?.length).toBeGreaterThan(2);
  }
  expect(items.filter((i) => i.date && /^\d{4}$/.test(i.date)).length).toBeGreaterThan(90);
  expect(items.filter((i) => i.creator && i.creator !== 'unknown').length).toBeGreaterThan(90);
  const readme = await readFile(join(DEMO_RELEASE, 'README.md'), 'utf8');
  expect(readme).toContain('jwilber/USDA_Pomological_Watercolors');
  expect(readme).toContain('National Agricultural Library');
});

it('builds to 100 accepted items under the Public Domain Mark, on the institution\'s source-level statement', async () => {
  const root = await tempDir('clearance-demo-');
  const built = await runCli(['build', DEMO_RELEASE, '--out', join(root, 'out'), '--quiet']);
  expect(built.code, built.stderr).toBe(0);
  const records = await readJsonl<{ licence: { id: string; evidence: { kind: string; assertedBy: string }[] }; creator: string; date: string }>(join(root, 'out', 'catalog.jsonl'));
  expect(records.length).toBe(100);
  for (const r of records) {
    expect(r.licence.id).toBe('pdm-1.0');
    expect(r.licence.evidence).toEqual([expect.objectContaining({ kind: 'source-default', assertedBy: 'institution' })]);
  }
  expect(records.some((r) => r.creator.includes('Newton, Amanda Almira'))).toBe(true);
}, 120_000);

it('gives npm start a working copy it may write into, refreshed when the committed items change, keeping pulled files', async () => {
  const dir = join(await tempDir('clearance-demo-copy-'), 'demo-release');
  expect(await ensureDemoCopy(dir)).toBe('copied');
  expect(await ensureDemoCopy(dir)).toBe('kept');
  const release = JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(dir, 'release.json'), JSON.stringify({ ...release, withdrawals: 'withdrawals.jsonl' }));
  await writeFile(join(dir, 'withdrawals.jsonl'), '{"id":"POM00007435","reason":"test","at":"2026-12-01T00:00:00Z"}\n');
  await writeFile(join(dir, 'items.jsonl'), 'stale\n');
  expect(await ensureDemoCopy(dir)).toBe('refreshed');
  expect(await readFile(join(dir, 'items.jsonl'), 'utf8')).toBe(await readFile(join(DEMO_RELEASE, 'items.jsonl'), 'utf8'));
  expect(JSON.parse(await readFile(join(dir, 'release.json'), 'utf8')).withdrawals).toBe('withdrawals.jsonl');
  expect(existsSync(join(dir, 'withdrawals.jsonl'))).toBe(true);
});
