// Loads the `items` collection once per build: every record as a card (newest release first), and full item records.
import { getCollection } from 'astro:content';
import { compareItems, type Card, type Item } from './records.js';
import { shard } from './shard.js';

let cached: Promise<Card[]> | undefined;

/** Every record this build holds, in gallery order (cards: full records in an item build, trimmed in a list build). */
export function allCards(): Promise<Card[]> {
  const load = async (): Promise<Card[]> => {
    const entries: { data: unknown }[] = await getCollection('items');
    return entries.map((e) => e.data as Card).sort(compareItems);
  };
  cached ??= load();
  return cached;
}

/** Full records whose item pages this build makes (none in a list-only build). */
export async function itemRecords(): Promise<Item[]> {
  return shard.items ? ((await allCards()) as Item[]) : [];
}

/** List pages (gallery, facets) are made only by builds that hold every record. */
export async function listCards(): Promise<Card[]> {
  return shard.lists ? allCards() : [];
}
