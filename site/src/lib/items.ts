// Loads the `items` collection once per build, in gallery order (newest release first).
import { getCollection } from 'astro:content';
import { compareItems, type Item } from './records.js';

let cached: Promise<Item[]> | undefined;

export function allItems(): Promise<Item[]> {
  const load = async (): Promise<Item[]> => {
    const entries: { data: unknown }[] = await getCollection('items');
    return entries.map((e) => e.data as Item).sort(compareItems);
  };
  cached ??= load();
  return cached;
}
