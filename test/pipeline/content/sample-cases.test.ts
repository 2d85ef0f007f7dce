// The sample release's content cases (AI-generation markers): written by `writeSample`, run through the real rights, image and content-signals stages.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES } from '../../../pipeline/catalog/index.js';
import { contentCases } from '../../../pipeline/sample/cases-content.js';
import { contentSignalsStage } from '../../../pipeline/stages/content-signals.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';
import { decideSampleCases } from '../../support/sample-cases.js';

let dir: string;
let got = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-content-sample-'));
  const ids = (await contentCases({ count: 10 })).cases.map((c) => c.item.id);
  got = await decideSampleCases(dir, [rightsStage(), imageStage(), contentSignalsStage()], ids, '2026-12-01T00:00:00Z');
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
