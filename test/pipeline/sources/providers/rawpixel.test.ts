// Rawpixel adapter on a recorded search response: CC0 claimed on re-uploads of others' works is a third-party assertion.
import { describe, expect, test } from 'vitest';
import { rawpixelAdapter } from '../../../../pipeline/sources/providers/rawpixel.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('rawpixel adapter'), () => {
  test('re-uploads are held for review with their CC0 claim kept as evidence', async () => {
    const items = await readItems(rawpixelAdapter, 'rawpixel/public_domain_response.json');
    expect(items.map((i) => i.foreignId)).toEqual(['4032668', '3864377']);
    expect(items[0]).toMatchObject({
      licence: 'https://creativecommons.org/publicdomain/zero/1.0/',
      sourceUrl: 'https://www.rawpixel.com/image/4032668/photo-image-background-nature-mountain',
      creator: 'National Park Service (Source)',
      assertedBy: 'third-party',
    });
    for (const i of items) {
      const d = await rightsDecision(i);
      expect([d.status, d.reasons[0]!.code]).toEqual(['review', 'licence.third-party-assertion']);
      expect(d.rights?.licence.evidence[0]).toMatchObject({ statement: i.licence, assertedBy: 'third-party' });
    }
  });
});
