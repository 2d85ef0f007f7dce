// Museums Victoria adapter on a recorded collections response: one item per image, each with its own licence.
import { describe, expect, test } from 'vitest';
import { museumsVictoriaAdapter } from '../../../../pipeline/sources/providers/museums-victoria.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('museums victoria adapter'), () => {
  test('all-rights-reserved and CC BY images are rejected with their codes', async () => {
    const items = await readItems(museumsVictoriaAdapter, 'museumvictoria/response_success.json');
    expect(items.length).toBeGreaterThan(10);
    expect(items[0]).toMatchObject({ sourceUrl: 'https://collections.museumsvictoria.com.au/items/826303', assertedBy: 'institution' });
    const codes = new Set<string>();
    for (const i of items) codes.add((await rightsDecision(i)).reasons[0]!.code);
    expect([...codes].sort()).toEqual(['licence.all-rights-reserved', 'licence.attribution']);
  });
});
