// iNaturalist adapter: the recorded DB response is a Python literal; one item per photo, NC/BY licences rejected, bad records as data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { inaturalistAdapter } from '../../../../pipeline/sources/providers/inaturalist.js';
import type { SourceItem } from '../../../../pipeline/sources/source.js';
import { hasCorpus, providersDir, readEntries, rightsDecision, sha256, title } from './fixtures.js';
import { readText } from './text-fixtures.js';

const photo = (id: number, licence: string | null, extra = ''): string =>
  `{'foreign_identifier': ${id}, 'width': 1024, 'height': 768, 'title': 'Ladona julia', 'raw_tags': ['Insecta', "Odonata"], 'filetype': 'jpeg', ` +
  `'license_url': ${licence === null ? 'None' : `'${licence}'`}, 'foreign_landing_url': 'https://www.inaturalist.org/photos/${id}', ` +
  `'image_url': 'https://inaturalist-open-data.s3.amazonaws.com/photos/${id}/medium.jpeg', 'creator': 'Jos\\xe9', 'creator_url': 'https://www.inaturalist.org/users/1'${extra}}`;
const CC0 = 'http://creativecommons.org/publicdomain/zero/1.0/';
const BY_NC = 'http://creativecommons.org/licenses/by-nc/4.0/';
const items = (es: Awaited<ReturnType<typeof readText>>): SourceItem[] => es.flatMap((e) => (e.ok ? [e.item] : []));

describe('inaturalist adapter on self-made responses', () => {
  test('rows of photo lists: one item per photo, hashed over its own text; CC0 accepted, BY-NC rejected, missing licence missing', async () => {
    const records = [photo(1, CC0), photo(2, BY_NC), photo(3, null)];
    const text = `[([${records.join(', ')}],), ([],)]\n`;
    const entries = await readText(inaturalistAdapter, { 'r.txt': text }, 'r.txt');
    const got = items(entries);
    expect(got.map((i) => [i.id, i.licence])).toEqual([
      ['inaturalist:1', CC0],
      ['inaturalist:2', BY_NC],
      ['inaturalist:3', undefined],
    ]);
    expect(got[0]).toMatchObject({
      image: 'https://inaturalist-open-data.s3.amazonaws.com/photos/1/medium.jpeg',
      sourceUrl: 'https://www.inaturalist.org/photos/1',
      title: 'Ladona julia',
      creator: 'José',
      tags: ['Insecta', 'Odonata'],
      assertedBy: 'creator',
      retrievedAt: '2026-11-25T00:00:00.000Z',
      metadataSha256: sha256(records[0]!),
      extra: { provider: 'inaturalist', filetype: 'jpeg', width: 1024, height: 768 },
    });
    const decisions = await Promise.all(got.map((i) => rightsDecision(i)));
    expect(decisions.map((d) => [d.status, d.reasons[0]!.code])).toEqual([
      ['accepted', 'licence.cc0'],
      ['rejected', 'licence.noncommercial'],
      ['rejected', 'licence.missing'],
    ]);
  });

  test('a single record, bad records and stray values are error entries, never thrown', async () => {
    expect(items(await readText(inaturalistAdapter, { 'one.txt': photo(9, BY_NC) }, 'one.txt')).map((i) => i.id)).toEqual(['inaturalist:9']);
    const text = `[([${photo(4, BY_NC).replace(/'image_url': '[^']*', /, '')}, {'title': 'no id'}, None, 5, ${photo(5, BY_NC)}],)]`;
    const entries = await readText(inaturalistAdapter, { 'bad.txt': text }, 'bad.txt');
    expect(entries.map((e) => (e.ok ? e.item.id : [e.id, e.detail]))).toEqual([
      ['inaturalist:4', 'inaturalist record 0 in bad.txt: no image_url'],
      ['inaturalist:bad.txt#1', 'inaturalist record 1 in bad.txt: not an iNaturalist photo (no foreign_identifier)'],
      ['inaturalist:bad.txt#2', 'inaturalist record 2 in bad.txt: not a photo record (None)'],
      ['inaturalist:bad.txt#3', 'inaturalist record 3 in bad.txt: not a photo record (number)'],
      'inaturalist:5',
    ]);
  });

  test('a file that is not a Python literal is one error entry with the position; other files still read', async () => {
    const files = { 'a.txt': `[([${photo(1, BY_NC)},\n  {'foreign_identifier': 2,, }],)]`, 'b.txt': `[${photo(6, BY_NC)}]`, 'c.txt': '42' };
    const entries = await readText(inaturalistAdapter, files, '*.txt');
    expect(entries.map((e) => (e.ok ? e.item.id : e.id))).toEqual(['inaturalist:a.txt', 'inaturalist:6', 'inaturalist:c.txt']);
    expect(entries[0]).toMatchObject({ ok: false, detail: expect.stringMatching(/^a\.txt is not a Python literal: unexpected ",", expected a value at line 2, column 28 \(offset \d+\)$/) });
    expect(entries[2]).toMatchObject({ ok: false, detail: 'c.txt is not a Python literal: expected a list of rows or a photo record' });
  });
});

describe.skipIf(!hasCorpus)(title('inaturalist adapter on the recorded response'), () => {
  test('34 photo records, 24 distinct photos (10 recorded twice, under two taxa); none accepted', async () => {
    const entries = await readEntries(inaturalistAdapter, 'inaturalist/full_db_response.txt');
    expect(entries).toHaveLength(34);
    const got = entries.flatMap((e) => (e.ok ? [e.item] : []));
    expect(got).toHaveLength(34);
    const text = readFileSync(join(providersDir, 'inaturalist/full_db_response.txt'), 'utf8');
    expect(got[0]).toMatchObject({
      id: 'inaturalist:10314159',
      title: 'Trifolium hybridum',
      creator: 'akjenny',
      licence: 'http://creativecommons.org/licenses/by-nc/4.0/',
      sourceUrl: 'https://www.inaturalist.org/photos/10314159',
      metadataSha256: sha256(text.slice(text.indexOf('{'), text.indexOf('}') + 1)),
    });
    const seen = new Set<string>();
    const tally: Record<string, number> = {};
    for (const item of got) {
      const key = seen.has(item.id) ? 'repeated id' : (await rightsDecision(item)).reasons[0]!.code;
      seen.add(item.id);
      tally[key] = (tally[key] ?? 0) + 1;
    }
    expect(tally).toEqual({ 'licence.noncommercial': 22, 'licence.attribution': 2, 'repeated id': 10 });
    expect(got.at(-1)).toMatchObject({ id: 'inaturalist:200352737', tags: [] }); // raw_tags: None
  });
});
