// Met adapter on recorded Collection API objects: isPublicDomain is a claim without a licence URL → held, never accepted.
import { describe, expect, test } from 'vitest';
import { metAdapter } from '../../../../pipeline/sources/providers/met.js';
import { fileSha, hasCorpus, readEntries, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('met adapter'), () => {
  test('one item per image, with the public-domain flag stated as is', async () => {
    const items = await readItems(metAdapter, 'metropolitan_museum_of_art/sample_response.json');
    expect(items.map((i) => i.id)).toEqual(['met:45734', 'met:45734-DP251138', 'met:45734-DP251120']);
    expect(items[0]).toMatchObject({
      licence: 'Public domain (isPublicDomain: true)',
      sourceUrl: 'https://wwwstg.metmuseum.org/art/collection/search/45734',
      creator: 'Kiyohara Yukinobu',
      creatorDeathYear: 1682,
      retrievedAt: '2020-02-07T15:50:59.677Z',
      assertedBy: 'institution',
      metadataSha256: fileSha('metropolitan_museum_of_art/sample_response.json'),
    });
    const d = await rightsDecision(items[0]!);
    expect(d.status).toBe('review');
    expect(d.reasons.map((r) => r.code)).toEqual(['licence.pd-unmarked', 'licence.pd-by-age']);
  });

  test("Openverse's own derived output (CC0 asserted by Openverse) is not read as Met records", async () => {
    const entries = await readEntries(metAdapter, 'metropolitan_museum_of_art/sample_additional_image_data.json');
    expect(entries.length).toBe(3);
    expect(entries.every((e) => !e.ok && /no objectID/.test(e.detail))).toBe(true);
  });
});
