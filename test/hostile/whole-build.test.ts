// A whole `clearance build` over good items mixed with 40+ hostile ones: it finishes, good items are accepted, each hostile item gets its decision, peak RSS stays under 1 GB.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../pipeline/runner/report.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { writeHostileRelease } from './support/hostile-release.js';
import { exiftoolRead } from './support/metadata-files.js';
import { cliWithin } from './support/release.js';

afterAll(removeTempDirs);

const LIMIT_MS = 240_000;

describe('hostile input: a whole build', () => {
  it('finishes; every good item is accepted; every hostile item has its decision and a reason; peak RSS < 1 GB; published originals are bare', { timeout: LIMIT_MS + 60_000 }, async () => {
    const root = await tempDir();
    const release = join(root, 'release');
    const expected = await writeHostileRelease(release, await tempDir('clearance-outside-'));
    const out = join(root, 'out');
    const r = await cliWithin(LIMIT_MS, ['build', release, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);

    const decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
    const seen = new Set<string>();
    const wrong: string[] = [];
    let hostileCount = 0;
    for (const d of decisions) {
      expect(d.reasons.length, d.id).toBeGreaterThan(0);
      expect(d.reasons[0]!.detail.length, d.id).toBeGreaterThan(0);
      const want = seen.has(d.id) ? 'input.duplicate-id' : (expected.good[d.id] ?? expected.hostile[d.id]);
      if (!expected.good[d.id] || seen.has(d.id)) hostileCount++;
      seen.add(d.id);
      const ok = want === 'accepted' ? d.status === 'accepted' : d.reasons[0]!.code === want;
      if (!ok) wrong.push(`${d.id}: expected ${want}, got ${d.status} ${d.reasons[0]!.code} (${d.reasons[0]!.detail.slice(0, 200)})`);
    }
    expect(wrong).toEqual([]);
    expect(decisions.length).toBe(Object.keys(expected.good).length + Object.keys(expected.hostile).length);
    expect(hostileCount).toBeGreaterThanOrEqual(30);

    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as BuildReport;
    expect(report.peakRssBytes).toBeLessThan(1024 ** 3);
    expect(report.internalErrors).toBe(0);

    const records = await readJsonl<{ id: string; files: { original: string } }>(join(out, 'catalog.jsonl'));
    for (const rec of records.filter((x) => x.id.startsWith('m:laden-'))) {
      const tags = await exiftoolRead(join(out, 'files', rec.files.original));
      expect(Object.keys(tags).filter((k) => /^(IFD|GPS|XMP|IPTC|MPF|MPImage|JUMBF|JSON|Photoshop|Trailer)/.test(k)), rec.id).toEqual([]);
    }
    // Figures for the record (not assertions on time): items, wall time of the CLI run, the build's own peak RSS.
    console.log(
      `hostile build: ${decisions.length} decisions (${Object.keys(expected.good).length} good, ${hostileCount} hostile), ` +
        `${Math.round(r.ms)} ms wall (CLI, start-up included), build ${report.durationMs} ms, peak RSS ${Math.round(report.peakRssBytes / 1024 / 1024)} MiB`,
    );
  });
});
