// Brooklyn Museum adapter on recorded objects: the rights type's name and CC link; "No known copyright restrictions" is held.
import { describe, expect, test } from 'vitest';
import { brooklynAdapter } from '../../../../pipeline/sources/providers/brooklyn.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('brooklyn adapter'), () => {
  test('CC BY objects are rejected, unmarked public-domain claims held', async () => {
    const [by] = await readItems(brooklynAdapter, 'brooklynmuseum/object_data.json');
    expect(by).toMatchObject({ id: 'brooklyn:90636', licence: 'Creative Commons-BY https://creativecommons.org/licenses/by/3.0/' });
    expect((await rightsDecision(by!)).reasons[0]!.code).toBe('licence.attribution');
    const [pd] = await readItems(brooklynAdapter, 'brooklynmuseum/response_success.json');
    expect(pd!.licence).toBe('No known copyright restrictions');
    expect((await rightsDecision(pd!)).status).toBe('review');
  });
});
