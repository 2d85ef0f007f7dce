// In-isolate LRU of an item's storage facts (R2 key, type, size, hash) so a download can start its R2 read at once.
// Only facts are cached, never status: withdrawal, key and quota are checked in D1 on every request, and the charge
// batch returns the current facts, so a stale entry (an item re-published with a new file) is detected and replaced.

export interface ItemFacts {
  sha256: string;
  originalKey: string;
  contentType: string;
  bytes: number;
}

const ITEM_FACTS_LIMIT = 10_000;

const facts = new Map<string, ItemFacts>();

export function getFacts(id: string): ItemFacts | undefined {
  const hit = facts.get(id);
  if (hit) {
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    facts.delete(id);
    facts.set(id, hit);
  }
  return hit;
}

export function setFacts(id: string, value: ItemFacts, limit = ITEM_FACTS_LIMIT): void {
  const entry = { sha256: value.sha256, originalKey: value.originalKey, contentType: value.contentType, bytes: value.bytes };
  facts.delete(id);
  facts.set(id, entry);
  while (facts.size > limit) facts.delete(facts.keys().next().value as string);
}

export function dropFacts(id: string): void {
  facts.delete(id);
}

export function sameFacts(a: ItemFacts, b: ItemFacts): boolean {
  return a.sha256 === b.sha256 && a.originalKey === b.originalKey && a.contentType === b.contentType && a.bytes === b.bytes;
}
