// Cleveland adapter on recorded Open Access API responses: 100 CC0 artworks with their update times and creators.
import { describe, expect, test } from 'vitest';
import { clevelandAdapter } from '../../../../pipeline/sources/providers/cleveland.js';
import { hasCorpus, readEntries, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('cleveland adapter'), () => {
  test('reads every row of a response with provenance', async () => {
    const items = await readItems(clevelandAdapter, 'clevelandmuseum/handle_response_data.json');
    expect(items.length).toBe(100);
    expect(new Set(items.map((i) => i.metadataSha256)).size).toBe(100);
    expect(items[0]).toMatchObject({
      id: 'cleveland:93014',
      sourceUrl: 'https://clevelandart.org/art/1335.1917',
      image: 'https://openaccess-cdn.clevelandart.org/1335.1917/1335.1917_web.jpg',
      licence: 'CC0',
      creatorDeathYear: 1848,
      retrievedAt: '2019-11-18T09:03:30.462Z',
    });
    for (const i of items.slice(0, 5)) expect((await rightsDecision(i)).reasons[0]!.code).toBe('licence.cc0');
  });

  test('an empty page yields nothing', async () => {
    expect(await readEntries(clevelandAdapter, 'clevelandmuseum/response_no_data.json')).toEqual([]);
  });
});
