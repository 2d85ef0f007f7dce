// Smithsonian adapter on recorded EDAN responses: one item per image, CC0 from media usage, record update time.
import { describe, expect, test } from 'vitest';
import { smithsonianAdapter } from '../../../../pipeline/sources/providers/smithsonian.js';
import { fileSha, hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('smithsonian adapter'), () => {
  test('a single record file keeps its provenance and is accepted as CC0 by the institution', async () => {
    const [item] = await readItems(smithsonianAdapter, 'smithsonian/actual_record_data.json');
    expect(item).toMatchObject({
      id: 'smithsonian:nmnhvz_14800560',
      image: 'https://collections.nmnh.si.edu/media/?irn=15814382',
      sourceUrl: 'http://n2t.net/ark:/65665/34857ca78-9195-4156-849b-1ec47f7cd1ce',
      licence: 'CC0',
      assertedBy: 'institution',
      retrievedAt: '2022-05-27T17:31:34.000Z',
      metadataSha256: fileSha('smithsonian/actual_record_data.json'),
    });
    const d = await rightsDecision(item!);
    expect([d.status, d.rights?.licence.id]).toEqual(['accepted', 'cc0-1.0']);
  });

  test('search responses yield their rows', async () => {
    const items = await readItems(smithsonianAdapter, 'smithsonian/sub_provider_example.json');
    expect(items.map((i) => [i.foreignId, i.creator, i.sourceUrl])).toEqual([
      ['siris_arc_291918', 'Gruber, Martin A', 'https://collections.si.edu/search/detail/edanmdm:siris_arc_291918'],
    ]);
  });
});
