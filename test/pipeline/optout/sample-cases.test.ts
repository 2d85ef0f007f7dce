// The sample release's opt-out cases: written by `writeSample`, then run through the real rights, optout, image and content-signals stages.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optoutCases } from '../../../pipeline/sample/cases-optout.js';
import { contentSignalsStage } from '../../../pipeline/stages/content-signals.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import { optoutStage } from '../../../pipeline/stages/optout.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';
import { decideSampleCases } from '../../support/sample-cases.js';

let dir: string;
let got = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-optout-sample-'));
  const ids = (await optoutCases({ count: 10 })).cases.map((c) => c.item.id);
  got = await decideSampleCases(dir, [rightsStage(), optoutStage(), imageStage(), contentSignalsStage()], ids, '2026-11-25T00:00:00Z');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('opt-out sample cases', () => {
  it('cover every optout.* code and licence.conflict, each decided as expected.json says', async () => {
    const expected = JSON.parse(await readFile(join(dir, 'expected.json'), 'utf8')) as Record<string, string>;
    expect(got.size).toBe((await optoutCases({ count: 10 })).cases.length);
    expect(got.size).toBeGreaterThanOrEqual(32);
    for (const [id, code] of got) expect({ id, code }).toEqual({ id, code: expected[id] });
    const codes = new Set(got.values());
    for (const code of ['optout.registry', 'optout.ai-txt', 'optout.tdm-rep', 'optout.robots-header', 'optout.embedded', 'optout.withdrawn', 'optout.robots-txt', 'optout.content-usage', 'optout.robots-meta', 'licence.conflict']) expect(codes).toContain(code);
  });
});
