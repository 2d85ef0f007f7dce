// Science Museum Group adapter on a recorded collection response: usage terms per image (BY-SA, BY-NC-SA).
import { describe, expect, test } from 'vitest';
import { scienceMuseumAdapter } from '../../../../pipeline/sources/providers/science-museum.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('science museum adapter'), () => {
  test('images carry their usage terms and are rejected', async () => {
    const items = await readItems(scienceMuseumAdapter, 'sciencemuseum/response_success.json');
    expect(items[0]).toMatchObject({
      licence: 'CC-BY-NC-SA 4.0',
      image: 'https://coimages.sciencemuseumgroup.org.uk/images/57/370/large_A163983__0001_.jpg',
      sourceUrl: 'https://collection.sciencemuseumgroup.org.uk/objects/co85803/pair-of-votive-breasts-votive-breast',
    });
    for (const i of items) expect((await rightsDecision(i)).status).toBe('rejected');
  });
});
