// The runner: items finish out of order yet ordered stages see input order, throws become data, runsOn is honoured.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../../pipeline/runner/run-build.js';
import { addReason, type Stage } from '../../../pipeline/work/stage.js';
import { prng } from '../../../pipeline/util/prng.js';
import { readJsonl, tempDir, type DecisionLine, removeTempDirs } from '../support/cli.js';

afterAll(removeTempDirs);

describe('runBuild', () => {
  it('keeps input order for ordered stages and outputs, records throws as decisions, skips per runsOn', async () => {
    const root = await tempDir();
    const release = join(root, 'release');
    await mkdir(release);
    const titles = Array.from({ length: 40 }, (_, i) => (i === 7 ? 'boom' : i % 5 === 1 ? 'review' : i % 6 === 2 ? 'reject' : 'plain'));
    const lines = titles.map((title, i) => JSON.stringify({ id: String(i), image: 'x.jpg', title }));
    lines.splice(10, 0, '{broken');
    await writeFile(join(release, 'm.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'r', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] }));

    const r = prng(3);
    const delays = titles.map(() => Math.floor(r() * 15));
    const seenOrdered: number[] = [];
    const seenAccepted: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const stages: Stage[] = [
      {
        name: 'slow',
        version: '1',
        runsOn: 'candidate',
        async process(w) {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((res) => setTimeout(res, delays[Number(w.item.foreignId)]));
          inFlight--;
          if (w.item.title === 'boom') throw new Error('kaboom');
          if (w.item.title === 'review') addReason(w, 'licence.third-party-assertion', 'test');
          else if (w.item.title === 'reject') addReason(w, 'licence.missing', 'test');
        },
      },
      { name: 'ordered', version: '1', runsOn: 'candidate', ordered: true, async process(w) { seenOrdered.push(w.index); } },
      { name: 'accepted-only', version: '1', runsOn: 'accepted', async process(w) { seenAccepted.push(w.id); } },
    ];
    const report = await runBuild({ releaseDir: release, out: join(root, 'out'), concurrency: 4, stages, log: () => {} });
    const decisions = await readJsonl<DecisionLine>(join(root, 'out', 'decisions.jsonl'));
    expect(decisions).toHaveLength(41);
    expect(decisions[10]).toMatchObject({ id: 's:m.jsonl#11', reasons: [{ code: 'input.invalid' }] });
    const ids = decisions.filter((_, i) => i !== 10).map((d) => d.id);
    expect(ids).toEqual(titles.map((_, i) => `s:${i}`));
    expect(decisions[7]!.reasons[0]).toMatchObject({ code: 'input.invalid', detail: 'internal error in the slow stage: kaboom' });
    expect(report.internalErrors).toBe(1);

    const reached = [...seenOrdered];
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
    expect(reached.length).toBe(titles.filter((t) => t === 'plain' || t === 'review').length);
    expect(seenAccepted.some((id) => titles[Number(id.slice(2))] === 'review')).toBe(false);
    expect(seenAccepted).toHaveLength(titles.filter((t) => t === 'plain').length);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(report.stages.slow!.count).toBe(40);
    const onDisk = JSON.parse(await readFile(join(root, 'out', 'report.json'), 'utf8'));
    expect(onDisk.items.byStatus).toEqual(report.items.byStatus);
  });
});
