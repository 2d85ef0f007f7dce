// NYPL adapter on a recorded search response: the CC0 rights statement and its URI agree → accepted.
import { describe, expect, test } from 'vitest';
import { nyplAdapter } from '../../../../pipeline/sources/providers/nypl.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('nypl adapter'), () => {
  test('search results state CC0 by URI and text', async () => {
    const [item] = await readItems(nyplAdapter, 'nypl/response_search_success.json');
    expect(item).toMatchObject({ foreignId: '0cabe3d0-3d50-0134-a8e0-00505686a51c', sourceUrl: 'http://digitalcollections.nypl.org/items/0cabe3d0-3d50-0134-a8e0-00505686a51c' });
    expect(item!.licence).toMatch(/^https:\/\/creativecommons.org\/publicdomain\/zero\/1.0\/ To the extent/);
    const d = await rightsDecision(item!);
    expect([d.status, d.rights?.licence.id]).toEqual(['accepted', 'cc0-1.0']);
  });
});
