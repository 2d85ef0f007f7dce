// Flickr adapter on recorded photos.search responses: numeric licence ids through Flickr's licence table.
import { describe, expect, test } from 'vitest';
import { flickrAdapter, flickrLicence } from '../../../../pipeline/sources/providers/flickr.js';
import { normaliseLicence } from '../../../../pipeline/rights/normalise.js';
import { hasCorpus, readEntries, readItems, rightsDecision, title } from './fixtures.js';

describe('flickr licence table', () => {
  test.each([
    ['0', 'licence.all-rights-reserved'],
    ['1', 'licence.noncommercial'],
    ['3', 'licence.noncommercial'],
    ['4', 'licence.attribution'],
    ['5', 'licence.share-alike'],
    ['6', 'licence.no-derivatives'],
    ['7', 'licence.pd-unmarked'],
    ['8', 'licence.pd-unmarked'],
    ['9', 'licence.cc0'],
    ['10', 'licence.pdm'],
    ['99', 'licence.unrecognised'],
  ])('licence %s → %s', (id, code) => {
    expect(normaliseLicence(flickrLicence(id)!).code).toBe(code);
  });
});

describe.skipIf(!hasCorpus)(title('flickr adapter'), () => {
  test('reads the photos of a search response (BY-NC-SA: rejected)', async () => {
    const items = await readItems(flickrAdapter, 'flickr/flickr_example_pretty.json');
    expect(items.length).toBe(30);
    expect(items[0]).toMatchObject({
      id: 'flickr:49514337848',
      sourceUrl: 'https://www.flickr.com/photos/7478087@N06/49514337848/',
      image: 'https://live.staticflickr.com/65535/49514337848_bbdbb5f761_b.jpg',
      licence: 'https://creativecommons.org/licenses/by-nc-sa/2.0/',
      extra: { licenseId: '1' },
    });
    const d = await rightsDecision(items[0]!);
    expect([d.status, d.reasons[0]!.code]).toEqual(['rejected', 'licence.noncommercial']);
  });

  test('a photo list (array) and single photos are read too; a photo without an image URL is an error', async () => {
    expect((await readItems(flickrAdapter, 'flickr/flickr_example_photo_list.json')).length).toBe(30);
    const [noUrl] = await readEntries(flickrAdapter, 'flickr/image_data_no_image_url.json');
    expect(noUrl).toMatchObject({ ok: false });
  });
});
