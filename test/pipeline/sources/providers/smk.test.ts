// SMK adapter on recorded art API items: its non-canonical CC0 link is recognised; records without rights are missing.
import { describe, expect, test } from 'vitest';
import { smkAdapter } from '../../../../pipeline/sources/providers/smk.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('smk adapter'), () => {
  test('an item stating CC via the CC0 page is accepted with the canonical CC0 URL', async () => {
    const [item] = await readItems(smkAdapter, 'smk/item.json');
    expect(item).toMatchObject({
      id: 'smk:KKS1615',
      licence: 'https://creativecommons.org/share-your-work/public-domain/cc0/',
      sourceUrl: 'https://open.smk.dk/artwork/image/kks1615',
      creator: 'Altdorfer, Albrecht',
      creatorDeathYear: 1536,
    });
    const d = await rightsDecision(item!);
    expect(d.status).toBe('accepted');
    expect(d.rights?.licence).toMatchObject({ id: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' });
  });

  test('image-only fragments state no rights: missing, never accepted', async () => {
    const [item] = await readItems(smkAdapter, 'smk/image_data_hq.json');
    expect(item!.licence).toBeUndefined();
    expect((await rightsDecision(item!)).reasons[0]!.code).toBe('licence.missing');
  });
});
