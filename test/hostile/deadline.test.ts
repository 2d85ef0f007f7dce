// The per-item deadline: a stage that never finishes costs its item (image.timeout), never the run; waiting for an ordered turn is not counted; the CLI exits despite abandoned work.
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../pipeline/runner/run-build.js';
import { addReason, type Stage } from '../../pipeline/work/stage.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { cliWithin, goodImage, writeRelease } from './support/release.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  // Accepts connections and never answers: a fetch that hangs until its own 20 s time-out.
  silent = createServer((s) => (sockets.add(s), s.on('error', () => undefined)));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  await removeTempDirs();
});

describe('hostile input: per-item deadline', () => {
  it('a stage that never settles times its item out; ordered turns are released; waiting for a turn is not counted', { timeout: 30_000 }, async () => {
    const dir = join(await tempDir(), 'release');
    const ids = ['first', 'hang', 'late-throw', ...Array.from({ length: 8 }, (_, i) => `after-${i}`)];
    await writeRelease(dir, ids.map((id) => ({ id, image: 'unused.jpg' })));
    const ordered: string[] = [];
    const stages: Stage[] = [
      { name: 'rights-ok', version: '1', runsOn: 'candidate', async process(w) { addReason(w, 'licence.cc0', 'test'); } },
      {
        name: 'work',
        version: '1',
        runsOn: 'candidate',
        async process(w) {
          if (w.item.foreignId === 'hang') await new Promise(() => undefined); // never settles
          if (w.item.foreignId === 'late-throw') {
            await sleep(1400);
            throw new Error('thrown after the deadline');
          }
        },
      },
      {
        name: 'queue',
        version: '1',
        runsOn: 'candidate',
        ordered: true,
        async process(w) {
          ordered.push(w.item.foreignId);
          // the last item waits 1,140 ms for its turn, over the budget; no item's own work (at most 400 ms) comes near it,
          // so a timer late by up to 600 ms on a loaded machine does not time one out
          await sleep(w.item.foreignId === 'first' ? 300 : 120);
        },
      },
      { name: 'tail', version: '1', runsOn: 'candidate', async process() { await sleep(100); } },
    ];
    const log: string[] = [];
    const report = await runBuild({ releaseDir: dir, out: join(dir, '..', 'out'), stages, itemTimeoutMs: 1000, concurrency: 16, log: (l) => log.push(l) });
    const by = Object.fromEntries((await readJsonl<DecisionLine>(join(dir, '..', 'out', 'decisions.jsonl'))).map((d) => [d.id.slice(2), d]));
    expect(by.hang?.status).toBe('rejected');
    expect(by.hang?.reasons[0]).toEqual({ code: 'image.timeout', detail: expect.stringMatching(/the work stage did not finish within the item's time budget of 1 s \(CLEARANCE_ITEM_TIMEOUT_MS\)/) });
    expect(by['late-throw']?.reasons[0]?.code).toBe('image.timeout');
    // (Without the real rights stage these items fail the catalogue schema at emit; what matters is that none timed out.)
    for (const id of ['first', ...ids.filter((i) => i.startsWith('after-'))]) expect(by[id]?.reasons.map((r) => r.code), id).not.toContain('image.timeout');
    expect(ordered).toEqual(['first', ...ids.filter((i) => i.startsWith('after-'))]);
    expect(report.stages.work?.timeouts).toBe(2);
    expect(report.items.byCode['image.timeout']).toBe(2);
    await expect.poll(() => log.join('\n'), { timeout: 5_000 }).toMatch(/late-throw: work stage failed after the item timed out: thrown after the deadline/);
  });

  it('clearance build: an image fetch that hangs is image.timeout, the good item is accepted, and the CLI exits without waiting for the hung socket', { timeout: 40_000 }, async () => {
    const dir = join(await tempDir(), 'release');
    const port = (silent.address() as { port: number }).port;
    await writeRelease(dir, [
      { id: 'good', image: await goodImage(dir, 'good.jpg', 1801) },
      { id: 'hangs', image: `http://127.0.0.1:${port}/never.jpg` },
    ]);
    const out = join(dir, '..', 'out');
    // The fetch's own time-out is 20 s: the CLI must be done well before it (killed at 15 s otherwise).
    const r = await cliWithin(15_000, ['build', dir, '--out', out, '--quiet'], { CLEARANCE_ITEM_TIMEOUT_MS: '1500', CLEARANCE_FETCH_ALLOW_LOOPBACK: '1' });
    expect(r.code, r.stderr).toBe(0);
    const by = Object.fromEntries((await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).map((d) => [d.id, d.reasons[0]!]));
    expect(by['m:good']?.code).toBe('licence.cc0');
    expect(by['m:hangs']).toMatchObject({ code: 'image.timeout', detail: expect.stringMatching(/the image stage did not finish within the item's time budget of 1\.5 s/) });
    const again = await cliWithin(15_000, ['build', dir, '--out', out, '--quiet'], { CLEARANCE_ITEM_TIMEOUT_MS: 'soon' });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/CLEARANCE_ITEM_TIMEOUT_MS must be a whole number of milliseconds/);
  });
});
