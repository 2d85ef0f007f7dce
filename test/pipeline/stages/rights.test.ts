// The rights stage through its Stage interface: accepted, held and rejected licences, evidence, opt-in holders.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { decide, type Release, type ReleaseSource } from '../../../pipeline/catalog/index.js';
import type { SourceItem } from '../../../pipeline/sources/source.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { rightsStage } from '../../../pipeline/stages/rights.js';

let dir: string;
const logs: string[] = [];
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';

function ctx(release: Partial<Release> = {}): StageContext {
  const rel: Release = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'x.jsonl' }], ...release };
  return { releaseDir: dir, release: rel, outDir: join(dir, 'out'), concurrency: 1, now: '2026-11-25T00:00:00Z', log: (l: string) => logs.push(l) } as unknown as StageContext;
}

function work(item: Partial<SourceItem>, source: Partial<ReleaseSource> = {}): WorkItem {
  const id = `s:${item.foreignId ?? 'x'}`;
  return {
    index: 0,
    id,
    source: { name: 's', adapter: 'manifest', path: 'x.jsonl', ...source },
    item: { id, foreignId: 'x', image: 'a.png', tags: [], metadataSha256: '0'.repeat(64), ...item },
    reasons: [],
    models: {},
  };
}

async function run(w: WorkItem, release: Partial<Release> = {}) {
  const stage = rightsStage();
  const c = ctx(release);
  await stage.setup?.(c);
  await stage.process(w, c);
  return { ...decide(w.id, w.reasons), rights: w.rights, stats: stage.stats?.() };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rights-stage-'));
  await writeFile(
    join(dir, 'holders.jsonl'),
    [
      JSON.stringify({ id: 'studio-a', name: 'Studio A', status: 'verified', defaultPriceMicros: 5000 }),
      JSON.stringify({ id: 'studio-p', status: 'pending' }),
      '{not json',
      JSON.stringify({ id: 'bad', status: 'maybe' }),
    ].join('\n'),
  );
  await writeFile(join(dir, 'holders.json'), JSON.stringify([{ id: 'studio-b', status: 'verified' }]));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('rights stage', () => {
  test('a record stating CC0 is accepted with its evidence', async () => {
    const r = await run(work({ licence: 'http://creativecommons.org/publicdomain/zero/1.0/deed.en', assertedBy: 'creator' }));
    expect(r.status).toBe('accepted');
    expect(r.reasons[0]!.code).toBe('licence.cc0');
    expect(r.rights).toEqual({
      licence: { id: 'cc0-1.0', url: CC0, evidence: [{ kind: 'source-record', statement: 'http://creativecommons.org/publicdomain/zero/1.0/deed.en', normalised: 'cc0-1.0', assertedBy: 'creator' }] },
      priceMicros: 0,
      assertedBy: 'creator',
    });
  });

  test('a source-level PDM applies to records that state none', async () => {
    const r = await run(work({}, { licence: 'Public Domain Mark 1.0', assertedBy: 'institution' }));
    expect(r.status).toBe('accepted');
    expect(r.reasons[0]!.code).toBe('licence.pdm');
    expect(r.rights?.licence.evidence[0]).toMatchObject({ kind: 'source-default', normalised: 'pdm-1.0', assertedBy: 'institution' });
  });

  test('nothing stated is missing whatever the age; an old creator only adds the pd-by-age hint', async () => {
    const old = await run(work({ creatorDeathYear: 1890 }));
    expect(old.status).toBe('rejected');
    expect(old.reasons.map((x) => x.code)).toEqual(['licence.missing', 'licence.pd-by-age']);
    expect(old.rights).toBeUndefined();
    const recent = await run(work({ creatorDeathYear: 1990 }));
    expect(recent.reasons.map((x) => x.code)).toEqual(['licence.missing']);
  });

  test('CC BY-family licences are rejected with their own code and no rights', async () => {
    for (const [licence, code] of [
      ['CC BY 4.0', 'licence.attribution'],
      ['https://creativecommons.org/licenses/by-nc-sa/2.0/', 'licence.noncommercial'],
      ['CC BY-ND 4.0', 'licence.no-derivatives'],
      ['cc-by-sa-3.0-de', 'licence.share-alike'],
      ['© Tate', 'licence.all-rights-reserved'],
      ['https://creativecommons.org.evil.com/publicdomain/zero/1.0/', 'licence.unrecognised'],
    ]) {
      const r = await run(work({ licence }));
      expect([r.status, r.reasons[0]!.code]).toEqual(['rejected', code]);
      expect(r.rights).toBeUndefined();
    }
  });

  test('a generic public-domain claim is held for review', async () => {
    const r = await run(work({ licence: 'pd', creatorDeathYear: 1800 }));
    expect(r.status).toBe('review');
    expect(r.reasons.map((x) => x.code)).toEqual(['licence.pd-unmarked', 'licence.pd-by-age']);
  });

  test('CC0 asserted by a third party (item or source) is held, with the licence kept for moderators', async () => {
    for (const w of [work({ licence: 'CC0', assertedBy: 'third-party' }), work({ licence: 'CC0' }, { assertedBy: 'third-party' })]) {
      const r = await run(w);
      expect(r.status).toBe('review');
      expect(r.reasons.map((x) => x.code)).toEqual(['licence.third-party-assertion']);
      expect(r.rights?.licence.id).toBe('cc0-1.0');
      expect(r.rights?.assertedBy).toBe('third-party');
    }
  });

  test('a record disagreeing with its source is a conflict', async () => {
    const held = await run(work({ licence: 'CC0' }, { licence: 'https://creativecommons.org/publicdomain/mark/1.0/' }));
    expect(held.status).toBe('review');
    expect(held.reasons[0]!.code).toBe('licence.conflict');
    expect(held.rights?.licence.evidence.map((e) => e.kind)).toEqual(['source-record', 'source-default']);
    const rejected = await run(work({ licence: 'CC BY 4.0' }, { licence: 'CC0' }));
    expect(rejected.status).toBe('rejected');
    expect(rejected.reasons.map((x) => x.code)).toEqual(['licence.attribution', 'licence.conflict']);
    const unmarked = await run(work({ licence: 'pd' }, { licence: CC0 }));
    expect([unmarked.status, ...unmarked.reasons.map((x) => x.code)]).toEqual(['review', 'licence.pd-unmarked', 'licence.conflict']);
    expect(unmarked.rights?.licence.id).toBe('cc0-1.0');
    const agreeing = await run(work({ licence: 'CC0 1.0 Universal' }, { licence: CC0 }));
    expect([agreeing.status, agreeing.reasons.length]).toEqual(['accepted', 1]);
  });

  test('opt-in with a verified rights holder is accepted at the item price, else the holder default', async () => {
    const priced = await run(work({ licence: 'optin', rightsHolder: 'studio-a', priceMicros: 25_000 }), { rightsHolders: 'holders.jsonl' });
    expect(priced.status).toBe('accepted');
    expect(priced.reasons[0]!.code).toBe('licence.optin');
    expect(priced.rights).toMatchObject({ priceMicros: 25_000, rightsHolder: 'studio-a', licence: { id: 'optin' } });
    expect(priced.rights?.licence.evidence.map((e) => e.kind)).toEqual(['source-record', 'rights-holder']);
    const dflt = await run(work({ licence: 'optin', rightsHolder: 'studio-a' }), { rightsHolders: 'holders.jsonl' });
    expect(dflt.rights?.priceMicros).toBe(5000);
    const arr = await run(work({ licence: 'optin', rightsHolder: 'studio-b' }), { rightsHolders: 'holders.json' });
    expect([arr.status, arr.rights?.priceMicros]).toEqual(['accepted', 0]);
    expect(logs.some((l) => l.includes('line 3 is not JSON'))).toBe(true);
    expect(logs.some((l) => l.includes('entry'))).toBe(true);
  });

  test('opt-in with a pending, unknown or missing rights holder is held as unverified', async () => {
    for (const w of [
      work({ licence: 'optin', rightsHolder: 'studio-p' }),
      work({ licence: 'optin', rightsHolder: 'nobody' }),
      work({ licence: 'optin' }),
      work({ licence: 'optin', rightsHolder: 'studio-a' }),
    ]) {
      const release = w.item.rightsHolder === 'studio-a' ? {} : { rightsHolders: 'holders.jsonl' };
      const r = await run(w, release);
      expect([r.status, r.reasons[0]!.code]).toEqual(['review', 'licence.optin-unverified']);
    }
  });

  test('a rights holders file outside the release or missing stops the run with a clear message', async () => {
    await expect(run(work({}), { rightsHolders: '../etc/holders.json' })).rejects.toThrow(/leaves the release directory/);
    await expect(run(work({}), { rightsHolders: 'nope.json' })).rejects.toThrow(/cannot read the rights holders file/);
  });

  test('stats count reasons', async () => {
    const r = await run(work({ licence: 'CC0' }));
    expect(r.stats).toMatchObject({ reasons: { 'licence.cc0': 1 } });
  });
});
