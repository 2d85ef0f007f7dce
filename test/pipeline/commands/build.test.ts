// Runs `clearance sample` and `clearance build` as a user would and checks every decision against the sample's expected.json.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES, CatalogRecord, Decision } from '../../../pipeline/catalog/index.js';
import { readJsonl, runCli, tempDir, type DecisionLine, removeTempDirs } from '../support/cli.js';

let root: string;
let sample: string;
let out: string;
let expected: Record<string, string | string[]>;
let decisions: DecisionLine[];
let firstRun: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  root = await tempDir();
  sample = join(root, 'release');
  out = join(root, 'out');
  const s = await runCli(['sample', sample, '--count', '50']);
  expect(s.code, s.stderr).toBe(0);
  expected = JSON.parse(await readFile(join(sample, 'expected.json'), 'utf8'));
  firstRun = await runCli(['build', sample, '--out', out, '--concurrency', '2']);
  expect(firstRun.code, firstRun.stderr).toBe(0);
  decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
});

function expectedFor(id: string, occurrence: number): string | undefined {
  const e = expected[id];
  return Array.isArray(e) ? e[occurrence] : occurrence === 0 ? e : undefined;
}

afterAll(removeTempDirs);

describe('clearance build on the sample release', () => {
  it('writes one valid decision per input line, in input order, with the expected main code', () => {
    const claimed = Object.values(expected).flat().length;
    expect(decisions).toHaveLength(claimed);
    const seen = new Map<string, number>();
    const mismatches: string[] = [];
    for (const d of decisions) {
      Decision.parse(d);
      const n = seen.get(d.id) ?? 0;
      seen.set(d.id, n + 1);
      const want = expectedFor(d.id, n);
      if (d.reasons[0]!.code !== want) mismatches.push(`${d.id}: expected ${want}, got ${d.reasons[0]!.code} (${d.reasons[0]!.detail})`);
    }
    expect(mismatches).toEqual([]);
    // input order: the sample's ids in expected.json follow the manifest's line order
    const order = [...new Set(decisions.map((d) => d.id))];
    expect(order).toEqual(Object.keys(expected));
  });

  it('shows every code the sample claims, and the sample claims every decision code of the design', () => {
    const produced = new Set(decisions.map((d) => d.reasons[0]!.code));
    const claimed = new Set(Object.values(expected).flat());
    expect([...claimed].filter((c) => !produced.has(c))).toEqual([]);
    // image.timeout depends on the machine's speed, not on the inputs: test/hostile/deadline.test.ts produces it.
    const unsampleable = new Set(['image.timeout']);
    expect(Object.keys(CODES).filter((c) => !claimed.has(c) && !unsampleable.has(c))).toEqual([]);
  });

  it('catalogues exactly the accepted items, each a valid record whose files exist', async () => {
    const records = await readJsonl(join(out, 'catalog.jsonl'));
    const accepted = decisions.filter((d) => d.status === 'accepted').map((d) => d.id);
    expect(records.map((r) => r.id)).toEqual(accepted);
    for (const raw of records) {
      const r = CatalogRecord.parse(raw);
      expect(r.files.original).toMatch(/^original\/[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp)$/);
      expect(r.files.thumb).toMatch(/^thumb\/[0-9a-f]{2}\/[0-9a-f]{64}\.webp$/);
      expect((await stat(join(out, 'files', r.files.original))).size).toBeGreaterThan(0);
      expect((await stat(join(out, 'files', r.files.thumb))).size).toBeGreaterThan(0);
      expect(r.placeholder).toMatch(/^data:image\/png;base64,/);
      expect(r.placeholder.length).toBeLessThanOrEqual(1200);
    }
    // nothing but accepted items is published
    const published = (await readdir(join(out, 'files', 'original'), { recursive: true })).filter((f) => f.includes('.'));
    expect(published.length).toBeLessThanOrEqual(records.length);
  });

  it('writes report.json with counts by status, code and source and per-stage timings, and a self-contained report.html', async () => {
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(report.items.total).toBe(decisions.length);
    const accepted = decisions.filter((d) => d.status === 'accepted').length;
    expect(report.items.byStatus.accepted).toBe(accepted);
    const codeCount = decisions.filter((d) => d.reasons[0]!.code === 'image.near-duplicate').length;
    expect(report.items.byCode['image.near-duplicate']).toBe(codeCount);
    expect(report.sources.sample.total).toBe(decisions.filter((d) => d.id.startsWith('sample:')).length);
    expect(report.stages.image.count).toBeGreaterThan(0);
    expect(report.stages.image.ms).toBeGreaterThan(0);
    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('image.near-duplicate');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
    expect(firstRun.stdout).toMatch(/accepted\s+\d+/);
  });

  it('re-running an unchanged release reuses the cache and gives the same decisions and files', async () => {
    const again = join(root, 'out2');
    const r = await runCli(['build', sample, '--out', again]);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(again, 'decisions.jsonl'), 'utf8')).toBe(await readFile(join(out, 'decisions.jsonl'), 'utf8'));
    const report = JSON.parse(await readFile(join(again, 'report.json'), 'utf8'));
    expect(report.stats.image.analysed).toBe(0);
    expect(report.stats.image.cached).toBeGreaterThan(0);
    expect(report.stats.derivatives.made).toBe(0);
    const strip = (l: string) => l.replace(/"retrievedAt":"[^"]+"/, '');
    const a = (await readFile(join(out, 'catalog.jsonl'), 'utf8')).split('\n').map(strip);
    const b = (await readFile(join(again, 'catalog.jsonl'), 'utf8')).split('\n').map(strip);
    expect(b).toEqual(a);
  });
});
