// Release prices: the edge's upper bound ($1,000 a download) on item and holder-default prices; a price on a non-opt-in item is ignored (free).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../../pipeline/runner/run-build.js';
import { MAX_PRICE_MICROS } from '../../../pipeline/catalog/prices.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../support/cli.js';
import { goodImage, writeRelease } from '../../hostile/support/release.js';

beforeAll(() => void vi.stubEnv('CLEARANCE_SAFETY', 'off'));
afterAll(async () => {
  vi.unstubAllEnvs();
  await removeTempDirs();
});

describe('release prices', () => {
  it('bounds priceMicros and defaultPriceMicros like the edge, and ignores prices on CC0/PDM items', { timeout: 60_000 }, async () => {
    expect(MAX_PRICE_MICROS).toBe(1_000_000_000);
    const dir = join(await tempDir(), 'release');
    const img = (n: number) => goodImage(dir, `p${n}.jpg`, 1900 + n);
    await writeRelease(
      dir,
      [
        { id: 'at-bound', image: await img(1), licence: 'optin', rightsHolder: 'ok-studio', priceMicros: MAX_PRICE_MICROS },
        { id: 'over-bound', image: await img(2), licence: 'optin', rightsHolder: 'ok-studio', priceMicros: MAX_PRICE_MICROS + 1 },
        { id: 'default', image: await img(3), licence: 'optin', rightsHolder: 'ok-studio' },
        { id: 'cc0-priced', image: await img(4), priceMicros: 5000 },
        { id: 'holder-over-bound', image: await img(5), licence: 'optin', rightsHolder: 'greedy-studio' },
        { id: 'cc0-over-bound', image: await img(6), priceMicros: 5 * MAX_PRICE_MICROS },
      ],
      { rightsHolders: 'holders.jsonl' },
    );
    await writeFile(
      join(dir, 'holders.jsonl'),
      [{ id: 'greedy-studio', status: 'verified', defaultPriceMicros: 2 * MAX_PRICE_MICROS }, { id: 'ok-studio', status: 'verified', defaultPriceMicros: 7000 }].map((h) => JSON.stringify(h)).join('\n'),
    );
    const log: string[] = [];
    const out = join(dir, '..', 'out');
    await runBuild({ releaseDir: dir, out, log: (l) => log.push(l) });
    const by = Object.fromEntries((await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'))).map((d) => [d.id.slice(2), d.reasons[0]!]));
    const records = Object.fromEntries((await readJsonl<{ id: string; priceMicros: number }>(join(out, 'catalog.jsonl'))).map((r) => [r.id.slice(2), r.priceMicros]));
    expect(by['at-bound']?.code).toBe('licence.optin');
    expect(by['over-bound']).toMatchObject({ code: 'input.invalid', detail: expect.stringMatching(/priceMicros 1000000001 is over the limit of 1000000000 µ\$ \(\$1,000\) a download/) });
    expect(by['cc0-over-bound']?.code).toBe('input.invalid');
    expect(by['holder-over-bound']).toMatchObject({ code: 'licence.optin-unverified', detail: expect.stringMatching(/greedy-studio is not in the release's rights holders/) });
    expect(log.join('\n')).toMatch(/rights holders: entry 1 \(greedy-studio\) is invalid \(defaultPriceMicros 2000000000 is over the limit/);
    expect(records).toEqual({ 'at-bound': MAX_PRICE_MICROS, default: 7000, 'cc0-priced': 0 });
  });
});
