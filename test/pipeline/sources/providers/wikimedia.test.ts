// Wikimedia Commons adapter on recorded API responses: provenance, licence fields, uploader ≠ author → third-party.
import { describe, expect, test } from 'vitest';
import { wikimediaAdapter } from '../../../../pipeline/sources/providers/wikimedia.js';
import { fileSha, hasCorpus, READ_AT, readEntries, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('wikimedia adapter'), () => {
  test('reads every page of a query response with its provenance', async () => {
    const items = await readItems(wikimediaAdapter, 'wikimedia/response_large_1.json');
    expect(items.map((i) => i.id)).toEqual(['wikimedia:456', 'wikimedia:789']);
    expect(items[0]).toMatchObject({
      foreignId: '456',
      image: 'https://upl.wiki.org/url1',
      sourceUrl: 'https://comm.wiki.org/desc1',
      creator: 'Alice Bobby',
      licence: 'https://creativecommons.org/licenses/by-sa/4.0',
      assertedBy: 'third-party',
      retrievedAt: READ_AT,
    });
    expect(items[0]!.metadataSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(items[0]!.metadataSha256).not.toBe(items[1]!.metadataSha256);
  });

  test('a single page file is one record: its hash is the file bytes', async () => {
    const [item] = await readItems(wikimediaAdapter, 'wikimedia/image_data_example.json');
    expect(item!.metadataSha256).toBe(fileSha('wikimedia/image_data_example.json'));
    expect(item).toMatchObject({ licence: 'CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0', creator: 'PtrQs', assertedBy: 'creator' });
    expect(item!.extra).toMatchObject({ uploader: 'PtrQs', licenseFields: { License: 'cc-by-sa-4.0' } });
    expect((await rightsDecision(item!)).reasons[0]!.code).toBe('licence.share-alike');
  });

  test('generic "pd" pages are held as pd-unmarked; CC0 uploaded by someone else than the author is a third-party assertion', async () => {
    const items = await readItems(wikimediaAdapter, 'wikimedia/continuation/wmc_pretty4.json');
    const byCode = new Map<string, number>();
    for (const i of items) {
      const d = await rightsDecision(i);
      byCode.set(d.reasons[0]!.code, (byCode.get(d.reasons[0]!.code) ?? 0) + 1);
      expect(d.status).not.toBe('accepted');
    }
    expect(byCode.get('licence.pd-unmarked')).toBeGreaterThan(0);
    expect(byCode.get('licence.third-party-assertion')).toBeGreaterThan(0);
    const cc0 = items.find((i) => i.licence?.startsWith('CC0'))!;
    expect(cc0.assertedBy).toBe('third-party');
    expect((await rightsDecision(cc0)).rights?.licence.id).toBe('cc0-1.0');
  });

  test('unusable records become errors, not crashes', async () => {
    const entries = [
      ...(await readEntries(wikimediaAdapter, 'wikimedia/image_data_missing_imageinfo.json')),
      ...(await readEntries(wikimediaAdapter, 'wikimedia/image_data_missing_image_url.json')),
      ...(await readEntries(wikimediaAdapter, 'wikimedia/audio_filedata_ogg.json')),
      ...(await readEntries(wikimediaAdapter, 'wikimedia/response_small_no_continue.json')),
    ];
    expect(entries.every((e) => !e.ok)).toBe(true);
    expect(entries.map((e) => (e.ok ? '' : e.detail)).join('\n')).toMatch(/without imageinfo[\s\S]*without a page id[\s\S]*not a wikimedia API response/);
  });
});
