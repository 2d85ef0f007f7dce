// Europeana adapter on recorded Search API responses: rights URL as stated, guid without tracking parameters.
import { describe, expect, test } from 'vitest';
import { europeanaAdapter } from '../../../../pipeline/sources/providers/europeana.js';
import { fileSha, hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('europeana adapter'), () => {
  test('reads the items of a search response', async () => {
    const items = await readItems(europeanaAdapter, 'europeana/europeana_example.json');
    expect(items.length).toBe(27);
    expect(items[0]).toMatchObject({
      foreignId: '/2022704/lod_oai_bibliotecadigital_jcyl_es_26229_ent1',
      licence: 'http://creativecommons.org/publicdomain/zero/1.0/',
      sourceUrl: 'https://www.europeana.eu/item/2022704/lod_oai_bibliotecadigital_jcyl_es_26229_ent1',
      retrievedAt: '2018-01-16T10:52:45.548Z',
      creator: 'Villemin, Charles, fl. 1835-1849',
    });
    expect((await rightsDecision(items[0]!)).status).toBe('accepted');
  });

  test('a CC BY item from a sub-provider is rejected', async () => {
    const [item] = await readItems(europeanaAdapter, 'europeana/image_data_sub_provider_example.json');
    expect(item!.metadataSha256).toBe(fileSha('europeana/image_data_sub_provider_example.json'));
    expect(item!.extra).toMatchObject({ dataProvider: 'Wellcome Collection' });
    expect((await rightsDecision(item!)).reasons[0]!.code).toBe('licence.attribution');
  });
});
