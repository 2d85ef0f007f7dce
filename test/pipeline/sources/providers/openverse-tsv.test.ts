// Openverse catalog TSV adapter: layouts told apart by content, licence + version → CC URL, NULL licence → missing, bad rows as data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { normaliseLicence } from '../../../../pipeline/rights/normalise.js';
import { openverseLicenceUrl } from '../../../../pipeline/sources/providers/openverse-licence.js';
import { openverseTsvAdapter } from '../../../../pipeline/sources/providers/openverse-tsv.js';
import { copyFields } from '../../../../pipeline/sources/providers/pg-copy.js';
import type { SourceEntry, SourceItem } from '../../../../pipeline/sources/source.js';
import { hasCorpus, providersDir, readEntries, rightsDecision, sha256, title } from './fixtures.js';
import { readText } from './text-fixtures.js';

const N = '\\N';
const row = (...fields: (string | number)[]): string => fields.join('\t');
const items = (es: SourceEntry[]): SourceItem[] => es.flatMap((e) => (e.ok ? [e.item] : []));
const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
/** Provider TSV v001 (20 columns), as provider scripts write it. */
const v001 = (fid: string, license: string, version: string, meta = N, tags = N): string =>
  row(fid, `https://example.org/thing/${fid}`, `https://img.example.org/${fid}.jpg`, N, 'jpg', N, license, version, 'Ann', N, `Thing ${fid}`, meta, tags, N, 'f', 'thingiverse', 'thingiverse', 'provider_api', 640, 480);
/** The recorded image-table sample's 20 columns: identifier, times, ingestion, NULL, fid … license, NULL, version … provider, source. */
const sample = (uuid: string, license: string, version: string): string =>
  row(uuid, '2020-10-12 18:11:57.791507+00', '2020-10-15 08:10:42.421899+00', 'provider_api', N, 'ark:/1/x', 'https://n2t.net/ark:/1/y', 'https://ids.si.edu/x', N, N, N, N, license, N, version, 'Jos\\303\\251 Vigo', N, 'A title', 'smithsonian', 'smithsonian_nmnh');

describe('openverse catalog licence columns', () => {
  test.each([
    ['cc0', '1.0', CC0, 'licence.cc0'],
    ['CC0', '1.0', CC0, 'licence.cc0'],
    ['pdm', '1.0', 'https://creativecommons.org/publicdomain/mark/1.0/', 'licence.pdm'],
    ['by', '4.0', 'https://creativecommons.org/licenses/by/4.0/', 'licence.attribution'],
    ['by-sa', '2.0', 'https://creativecommons.org/licenses/by-sa/2.0/', 'licence.share-alike'],
    ['by-nd', '3.0', 'https://creativecommons.org/licenses/by-nd/3.0/', 'licence.no-derivatives'],
    ['by-nc-nd', '2.5', 'https://creativecommons.org/licenses/by-nc-nd/2.5/', 'licence.noncommercial'],
    ['sampling+', '1.0', 'https://creativecommons.org/licenses/sampling+/1.0/', 'licence.unrecognised'],
    ['cc0', '9.0', 'https://creativecommons.org/publicdomain/zero/9.0/', 'licence.unrecognised'],
    ['cc0', null, 'cc0', 'licence.cc0'],
    ['by', null, 'by', 'licence.unrecognised'],
    ['../../x', '1.0', '../../x 1.0', 'licence.unrecognised'],
  ])('%s %s → %s (%s)', (license, version, url, code) => {
    expect(openverseLicenceUrl(license, version)).toBe(url);
    expect(normaliseLicence(url).code).toBe(code);
  });

  test('no licence code is no licence, whatever the version', () => {
    expect(openverseLicenceUrl(null, '1.0')).toBeUndefined();
    expect(openverseLicenceUrl('  ', '1.0')).toBeUndefined();
  });
});

describe('COPY text fields', () => {
  test('\\N is NULL, an empty field is an empty string, escapes and UTF-8 byte escapes decode', () => {
    expect(copyFields(['a', '\\N', '', 'tab\\there', 'back\\\\slash', 'new\\nline', 'Jos\\303\\251', '\\x41\\q'].join('\t'))).toEqual(['a', null, '', 'tab\there', 'back\\slash', 'new\nline', 'José', 'Aq']);
  });
});

describe('openverse-tsv adapter on self-made rows', () => {
  test('provider TSV v001 rows: cc0 1.0 → CC0 URL (a third-party record: held), NULL licence → missing; meta_data and tags read', async () => {
    const meta = '{"description": "Gears", "license_url": "https://creativecommons.org/publicdomain/zero/1.0/", "raw_license_url": "http://creativecommons.org/publicdomain/zero/1.0/legalcode"}';
    const lines = [v001('1', 'cc0', '1.0', meta, '[{"name": "gears", "provider": "thingiverse"}, "plain"]'), v001('2', N, '1.0')];
    const entries = await readText(openverseTsvAdapter, { 'rows.tsv': `${lines.join('\n')}\n` }, 'rows.tsv');
    const [a, b] = items(entries);
    expect(entries).toHaveLength(2);
    expect(a).toMatchObject({
      id: 'openverse-tsv:thingiverse/1',
      image: 'https://img.example.org/1.jpg',
      sourceUrl: 'https://example.org/thing/1',
      title: 'Thing 1',
      creator: 'Ann',
      description: 'Gears',
      tags: ['gears', 'plain'],
      licence: CC0,
      assertedBy: 'third-party',
      retrievedAt: '2026-11-25T00:00:00.000Z',
      metadataSha256: sha256(lines[0]!),
      extra: { provider: 'thingiverse', layout: 'provider-tsv-001', license: 'cc0', licenseVersion: '1.0', rawLicenseUrl: 'http://creativecommons.org/publicdomain/zero/1.0/legalcode', width: '640' },
    });
    expect(b!.licence).toBeUndefined();
    const [da, db] = [await rightsDecision(a!), await rightsDecision(b!)];
    expect([da.status, da.reasons[0]!.code]).toEqual(['review', 'licence.third-party-assertion']);
    expect([db.status, db.reasons[0]!.code]).toEqual(['rejected', 'licence.missing']);
  });

  test('the release may say who asserted the rows: "assertedBy": "institution" accepts CC0', async () => {
    const [item] = items(await readText(openverseTsvAdapter, { 'r.tsv': v001('1', 'cc0', '1.0') }, 'r.tsv', { assertedBy: 'institution' }));
    const d = await rightsDecision(item!);
    expect([d.status, d.rights?.licence.id]).toEqual(['accepted', 'cc0-1.0']);
  });

  test('image-table rows (the sample layout and the schema layout) are told from provider rows by content, not width', async () => {
    const schemaRow = row('11111111-2222-4333-8444-555555555555', '2021-01-01 00:00:00+00', '2021-02-03 04:05:06+02', 'provider_api', 'flickr', 'flickr', '42', 'https://flickr.com/p/42', 'https://live.staticflickr.com/42.jpg', N, 1024, 768, N, 'by-nc', '2.0', 'Bo', N, 'Cat', '{"license_url": "https://creativecommons.org/licenses/by-nc/2.0/"}', '[{"name": "cat"}]', 'f', N, 'f', 'jpg', N);
    const text = [sample('00000000-0000-4000-8000-000000000001', 'cc0', '1.0'), schemaRow, v001('3', 'by', '4.0')].join('\r\n');
    const got = items(await readText(openverseTsvAdapter, { 'mixed.tsv': text }, 'mixed.tsv'));
    expect(got.map((i) => [i.id, i.licence, i.extra?.layout])).toEqual([
      ['openverse-tsv:smithsonian/ark:/1/x', CC0, 'image-table-sample'],
      ['openverse-tsv:flickr/42', 'https://creativecommons.org/licenses/by-nc/2.0/', 'image-table'],
      ['openverse-tsv:thingiverse/3', 'https://creativecommons.org/licenses/by/4.0/', 'provider-tsv-001'],
    ]);
    expect(got[0]).toMatchObject({ creator: 'José Vigo', retrievedAt: '2020-10-15T08:10:42.421Z', extra: { openverseId: '00000000-0000-4000-8000-000000000001', source: 'smithsonian_nmnh' } });
    expect(got[1]).toMatchObject({ retrievedAt: '2021-02-03T02:05:06.000Z', tags: ['cat'] });
    expect((await rightsDecision(got[1]!)).reasons[0]!.code).toBe('licence.noncommercial');
  });

  test('v000 and v002 provider rows; a license_url that contradicts license is rejected, not accepted', async () => {
    const v000 = row('7', 'https://x.org/7', 'https://x.org/7.jpg', N, N, N, N, 'pdm', '1.0', 'C', N, 'T', N, N, 'f', 'p', 's', 'provider_api');
    const v002 = row('8', 'https://x.org/8', 'https://x.org/8.jpg', N, N, N, 'cc0', '1.0', 'https://creativecommons.org/licenses/by-nc/4.0/', 'C', N, 'T', N, N, N, 'p', 's', N, N);
    const got = items(await readText(openverseTsvAdapter, { 'v.tsv': `${v000}\n${v002}\n` }, 'v.tsv', { assertedBy: 'institution' }));
    expect(got.map((i) => [i.extra?.layout, i.licence])).toEqual([
      ['provider-tsv-000', 'https://creativecommons.org/publicdomain/mark/1.0/'],
      ['provider-tsv-002', `${CC0} https://creativecommons.org/licenses/by-nc/4.0/`],
    ]);
    expect((await rightsDecision(got[0]!)).reasons[0]!.code).toBe('licence.pdm');
    const d = await rightsDecision(got[1]!);
    expect([d.status, d.reasons[0]!.code]).toEqual(['rejected', 'licence.noncommercial']);
  });

  test('bad rows become error entries with line numbers; blank lines are skipped; nothing throws', async () => {
    const lines = [
      v001('1', 'cc0', '1.0'),
      '',
      row('only', 'three', 'columns'),
      v001('', 'cc0', '1.0'),
      v001('4', 'cc0', '1.0').replace('https://img.example.org/4.jpg', N),
      v001('5', 'cc0', '1.0', '{"description": broken'),
      v001('6', 'cc0', '1.0', N, '[unclosed'),
      row('00000000-0000-4000-8000-000000000009', '2020-01-01 00:00:00+00', 'x'),
      row('11111111-2222-4333-8444-555555555555', '2021-01-01 00:00:00+00', '2021-01-01 00:00:00+00', 'provider_api', 'p', 's', '10', 'https://x/10', 'https://x/10.jpg', N, N, N, N, 'cc0', '1.0', N, N, N, N, N, 'f', N, 't'),
    ];
    const entries = await readText(openverseTsvAdapter, { 'bad.tsv': lines.join('\n') }, 'bad.tsv');
    expect(entries.map((e) => (e.ok ? e.item.id : [e.id, e.detail]))).toEqual([
      'openverse-tsv:thingiverse/1',
      ['openverse-tsv:bad.tsv#3', 'openverse-tsv line 3 in bad.tsv: 3 columns: not an Openverse catalog TSV layout (18, 19 or 20 columns, or an image-table row)'],
      ['openverse-tsv:bad.tsv#4', 'openverse-tsv line 4 in bad.tsv: no foreign_identifier'],
      ['openverse-tsv:thingiverse/4', 'openverse-tsv line 5 in bad.tsv: no url (the image URL)'],
      ['openverse-tsv:thingiverse/5', expect.stringMatching(/^openverse-tsv line 6 in bad\.tsv: meta_data is not JSON: /)],
      ['openverse-tsv:thingiverse/6', expect.stringMatching(/^openverse-tsv line 7 in bad\.tsv: tags is not JSON: /)],
      ['openverse-tsv:bad.tsv#8', 'openverse-tsv line 8 in bad.tsv: image-table row with 3 columns (20 or 23–26 expected)'],
      ['openverse-tsv:p/10', 'openverse-tsv line 9 in bad.tsv: removed from its source'],
    ]);
  });
});

describe.skipIf(!hasCorpus)(title('openverse-tsv adapter on the recorded catalog TSVs'), () => {
  test('image_table_sample.tsv: 20 rows, 19 Smithsonian cc0 1.0 (held as relayed by the catalog), 1 Flickr by-sa 2.0 rejected', async () => {
    const entries = await readEntries(openverseTsvAdapter, 'image_table_sample.tsv');
    const got = items(entries);
    expect([entries.length, got.length]).toEqual([20, 20]);
    const firstLine = readFileSync(join(providersDir, 'image_table_sample.tsv'), 'utf8').split('\n')[0]!;
    expect(got[0]).toMatchObject({
      id: 'openverse-tsv:smithsonian/ark:/65665/m3272d5bfa5716461fbf173e083887621c',
      image: 'https://ids.si.edu/ids/deliveryService/id/ark:/65665/m3272d5bfa5716461fbf173e083887621c',
      sourceUrl: 'https://n2t.net/ark:/65665/3f07eb37b-d022-4d44-90de-179a4aaf1c82',
      title: 'Eriogonum latifolium Sm.',
      creator: 'Susan Gabriella Stokes',
      licence: CC0,
      retrievedAt: '2020-10-15T08:10:42.421Z',
      metadataSha256: sha256(firstLine),
      extra: { provider: 'smithsonian', source: 'smithsonian_national_museum_of_natural_history', layout: 'image-table-sample', openverseId: '000000ea-9a81-47dd-a83c-a2093ea4741b' },
    });
    const flickr = got.find((i) => i.extra?.provider === 'flickr')!;
    expect(flickr).toMatchObject({ id: 'openverse-tsv:flickr/50448966551', licence: 'https://creativecommons.org/licenses/by-sa/2.0/', creator: 'Cristal Montanez Venezuela' });
    expect(flickr.title).toBeUndefined(); // an empty title, not NULL
    const tally = async (source: { assertedBy?: 'institution' } = {}): Promise<Record<string, number>> => {
      const t: Record<string, number> = {};
      for (const i of items(await readEntries(openverseTsvAdapter, 'image_table_sample.tsv', source))) {
        const d = await rightsDecision(i, source);
        t[`${d.status} ${d.reasons[0]!.code}`] = (t[`${d.status} ${d.reasons[0]!.code}`] ?? 0) + 1;
      }
      return t;
    };
    expect(await tally()).toEqual({ 'review licence.third-party-assertion': 19, 'rejected licence.share-alike': 1 });
    expect(await tally({ assertedBy: 'institution' })).toEqual({ 'accepted licence.cc0': 19, 'rejected licence.share-alike': 1 });
  });

  test('license_missing.tsv (provider TSV v001): 2 cc0 1.0 rows, 2 NULL-licence rows → licence.missing', async () => {
    const got = items(await readEntries(openverseTsvAdapter, 'license_missing.tsv'));
    expect(got.map((i) => [i.id, i.licence])).toEqual([
      ['openverse-tsv:thingiverse/135253', CC0],
      ['openverse-tsv:thingiverse/135254', undefined],
      ['openverse-tsv:thingiverse/135255', CC0],
      ['openverse-tsv:thingiverse/135257', undefined],
    ]);
    expect(got[0]).toMatchObject({ creator: 'aubenc', title: 'Tiny Planetary Gears Set', description: expect.stringMatching(/^A small planetary gears system/), extra: { layout: 'provider-tsv-001' } });
    expect(got[0]!.tags).toEqual(['assembly', 'gears', 'mechanical', 'openscad', 'planetary', 'replicator', 'tech']);
    const codes = await Promise.all(got.map(async (i) => (await rightsDecision(i)).reasons[0]!.code));
    expect(codes).toEqual(['licence.third-party-assertion', 'licence.missing', 'licence.third-party-assertion', 'licence.missing']);
  });
});
