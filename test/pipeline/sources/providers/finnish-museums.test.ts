// Finnish museums (Finna) adapter on a recorded search response: CC BY 4.0 records are rejected.
import { describe, expect, test } from 'vitest';
import { finnishMuseumsAdapter } from '../../../../pipeline/sources/providers/finnish-museums.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('finnish museums adapter'), () => {
  test('records carry licence name and link', async () => {
    const items = await readItems(finnishMuseumsAdapter, 'finnishmuseums/finna_full_response_example.json');
    expect(items.length).toBe(13);
    expect(items[0]).toMatchObject({ licence: 'CC BY 4.0 http://creativecommons.org/licenses/by/4.0/deed.fi', sourceUrl: expect.stringMatching(/^https:\/\/www\.finna\.fi\/Record\//) });
    for (const i of items) expect((await rightsDecision(i)).reasons[0]!.code).toBe('licence.attribution');
  });
});
