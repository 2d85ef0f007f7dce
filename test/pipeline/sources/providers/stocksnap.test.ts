// StockSnap adapter on a recorded search response: records state no licence → missing unless the source asserts one.
import { describe, expect, test } from 'vitest';
import { stocksnapAdapter } from '../../../../pipeline/sources/providers/stocksnap.js';
import { hasCorpus, readItems, rightsDecision, title } from './fixtures.js';

describe.skipIf(!hasCorpus)(title('stocksnap adapter'), () => {
  test('no licence in the record: missing; a source-level CC0 applies as source-default evidence', async () => {
    const items = await readItems(stocksnapAdapter, 'stocksnap/full_response.json');
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]!.licence).toBeUndefined();
    expect((await rightsDecision(items[0]!)).reasons[0]!.code).toBe('licence.missing');
    const d = await rightsDecision(items[0]!, { licence: 'CC0 1.0 Universal', assertedBy: 'institution' });
    expect(d.status).toBe('accepted');
    expect(d.rights?.licence.evidence[0]?.kind).toBe('source-default');
  });
});
