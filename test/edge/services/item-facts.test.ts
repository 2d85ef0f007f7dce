// The item-facts LRU: bounded, evicts the least recently used entry, copies what it stores.
import { describe, expect, it } from 'vitest';
import { dropFacts, getFacts, sameFacts, setFacts } from '../../../edge/src/services/item-facts.js';

const facts = (n: number) => ({ sha256: `s${n}`, originalKey: `original/${n}.jpg`, contentType: 'image/jpeg', bytes: n });

describe('item facts cache', () => {
  it('keeps at most `limit` entries and evicts the least recently used', () => {
    const ids = ['lru:a', 'lru:b', 'lru:c'];
    ids.forEach((id, i) => setFacts(id, facts(i), 3));
    expect(getFacts('lru:a')).toEqual(facts(0)); // a is now the most recently used
    setFacts('lru:d', facts(3), 3);
    expect(getFacts('lru:b')).toBeUndefined();
    expect(getFacts('lru:a')).toEqual(facts(0));
    expect(getFacts('lru:c')).toEqual(facts(2));
    expect(getFacts('lru:d')).toEqual(facts(3));
    dropFacts('lru:a');
    expect(getFacts('lru:a')).toBeUndefined();
  });

  it('stores only the storage facts, as a copy', () => {
    const row = { ...facts(7), status: 'live', id: 'lru:x' };
    setFacts('lru:x', row);
    row.bytes = 8;
    expect(getFacts('lru:x')).toEqual(facts(7));
    expect(sameFacts(getFacts('lru:x')!, facts(7))).toBe(true);
    expect(sameFacts(facts(7), { ...facts(7), originalKey: 'original/other.jpg' })).toBe(false);
  });
});
