// Provider sources through `clearance build`: recorded API responses in, decisions and catalogue provenance out.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { drawImage } from '../../../../pipeline/sample/draw.js';
import { providerAdapters } from '../../../../pipeline/sources/providers/index.js';
import { readJsonl, runCli, tempDir, type DecisionLine } from '../../support/cli.js';
import { hasCorpus, providersDir, readItems, sha256, title } from './fixtures.js';

const SOURCES = [
  { name: 'cleveland', adapter: 'cleveland', fixture: 'clevelandmuseum/response_success.json' },
  { name: 'rawpixel', adapter: 'rawpixel', fixture: 'rawpixel/public_domain_response.json' },
  { name: 'flickr', adapter: 'flickr', fixture: 'flickr/image_data_complete_example.json' },
  { name: 'met', adapter: 'met', fixture: 'metropolitan_museum_of_art/sample_response_without_additional.json' },
];
let root: string | undefined;
afterAll(() => (root ? rm(root, { recursive: true, force: true }) : undefined));

describe.skipIf(!hasCorpus)(title('provider sources through clearance build'), () => {
  test('CC0 from the institution is catalogued with provenance; third-party, PD claims and NC are not', async () => {
    root = await tempDir('providers-build-');
    const release = join(root, 'release');
    await mkdir(join(release, 'providers'), { recursive: true });
    await mkdir(join(release, 'fetched', 'bodies'), { recursive: true });
    const recorded: string[] = [];
    let seed = 20_000_000;
    for (const s of SOURCES) {
      await copyFile(join(providersDir, s.fixture), join(release, 'providers', `${s.name}.json`));
      for (const item of await readItems(providerAdapters[s.adapter]!, s.fixture)) {
        const body = `bodies/${seed}.jpg`;
        await writeFile(join(release, 'fetched', body), await drawImage({ format: 'jpeg', width: 420, height: 300, seed: seed++ }));
        recorded.push(JSON.stringify({ url: item.image, status: 200, headers: { 'Content-Type': 'image/jpeg' }, body }));
      }
    }
    await writeFile(join(release, 'fetched', 'index.jsonl'), `${recorded.join('\n')}\n`);
    const sources = SOURCES.map(({ name, adapter }) => ({ name, adapter, path: `providers/${name}.json` }));
    await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'providers', sources, fetched: 'fetched' }));

    const out = join(root, 'out');
    const res = await runCli(['build', release, '--out', out, '--quiet']);
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.code).toBe(0);
    const decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
    expect(decisions.map((d) => [d.id, d.status, d.reasons[0]!.code])).toEqual([
      ['cleveland:96887', 'accepted', 'licence.cc0'],
      ['rawpixel:4032668', 'review', 'licence.third-party-assertion'],
      ['rawpixel:3864377', 'review', 'licence.third-party-assertion'],
      ['flickr:49514824541', 'rejected', 'licence.noncommercial'],
      ['met:47533', 'review', 'licence.pd-unmarked'],
    ]);
    const catalog = (await readFile(join(out, 'catalog.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(catalog).toHaveLength(1);
    const rec = catalog[0];
    expect(rec).toMatchObject({
      id: 'cleveland:96887',
      sourceUrl: 'https://clevelandart.org/art/1916.586.a',
      licence: { id: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', evidence: [{ kind: 'source-record', statement: 'CC0', normalised: 'cc0-1.0', assertedBy: 'institution' }] },
      provenance: { release: 'providers', adapter: 'cleveland', foreignId: '96887', assertedBy: 'institution', imageUrl: 'https://openaccess-cdn.clevelandart.org/1916.586.a/1916.586.a_web.jpg' },
      priceMicros: 0,
    });
    const whole = await readFile(join(providersDir, 'clevelandmuseum/response_success.json'), 'utf8');
    expect(rec.provenance.originalMetadataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rec.provenance.originalMetadataSha256).not.toBe(sha256(whole));
  });

  test('the catalog TSV and the iNaturalist dump: institution CC0 rows catalogued, NC/BY rejected, repeated photos caught', async () => {
    const dir = await tempDir('providers-build-text-');
    const release = join(dir, 'release');
    await mkdir(join(release, 'providers'), { recursive: true });
    await mkdir(join(release, 'fetched', 'bodies'), { recursive: true });
    const text = [
      { name: 'catalog', adapter: 'openverse-tsv', fixture: 'image_table_sample.tsv', file: 'catalog.tsv', assertedBy: 'institution' as const },
      { name: 'inat', adapter: 'inaturalist', fixture: 'inaturalist/full_db_response.txt', file: 'inat.txt' },
    ];
    const recorded = new Map<string, string>();
    let seed = 30_000_000;
    for (const s of text) {
      await copyFile(join(providersDir, s.fixture), join(release, 'providers', s.file));
      for (const item of await readItems(providerAdapters[s.adapter]!, s.fixture)) {
        if (recorded.has(item.image)) continue;
        const body = `bodies/${seed}.jpg`;
        await writeFile(join(release, 'fetched', body), await drawImage({ format: 'jpeg', width: 320, height: 240, seed: seed++ }));
        recorded.set(item.image, JSON.stringify({ url: item.image, status: 200, headers: { 'Content-Type': 'image/jpeg' }, body }));
      }
    }
    await writeFile(join(release, 'fetched', 'index.jsonl'), `${[...recorded.values()].join('\n')}\n`);
    const sources = text.map(({ name, adapter, file, assertedBy }) => ({ name, adapter, path: `providers/${file}`, ...(assertedBy ? { assertedBy } : {}) }));
    await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'text-providers', sources, fetched: 'fetched' }));

    const out = join(dir, 'out');
    const res = await runCli(['build', release, '--out', out, '--quiet']);
    const decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
    const catalog = (await readFile(join(out, 'catalog.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    await rm(dir, { recursive: true, force: true });
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.code).toBe(0);
    const tally = new Map<string, number>();
    for (const d of decisions) {
      const key = `${d.id.split(':')[0]} ${d.status} ${d.reasons[0]!.code}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries([...tally].sort())).toEqual({
      'catalog accepted licence.cc0': 19, // the Smithsonian rows, asserted by the institution per release.json
      'catalog rejected licence.share-alike': 1, // Flickr by-sa 2.0
      'inat rejected input.duplicate-id': 10, // 34 records, 24 photos: 10 photos listed again under a second species
      'inat rejected licence.attribution': 2,
      'inat rejected licence.noncommercial': 22,
    });
    expect(catalog).toHaveLength(19);
    expect(catalog.every((r) => r.licence.id === 'cc0-1.0' && r.provenance.adapter === 'openverse-tsv' && r.provenance.assertedBy === 'institution')).toBe(true);
  });
});
