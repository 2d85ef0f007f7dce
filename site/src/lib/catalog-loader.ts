// Astro content loader: reads <CLEARANCE_OUT>/catalog.jsonl through the catalogue schema, keeping what this shard needs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Loader } from 'astro/loaders';
import { readCatalog } from './read-catalog.js';
import { toCard } from './records.js';
import { shard } from './shard.js';
import { itemSlug } from './slug.js';

export function catalogLoader(): Loader {
  return {
    name: 'clearance-catalog',
    load: async ({ store, logger }) => {
      const out = process.env.CLEARANCE_OUT;
      if (!out) throw new Error('CLEARANCE_OUT is not set: build the site with `clearance site <out-dir>`');
      const file = join(out, 'catalog.jsonl');
      if (!existsSync(file)) throw new Error(`no catalog.jsonl in ${out}`);
      store.clear();
      const slugs = new Map<string, string>();
      let position = 0;
      let kept = 0;
      for await (const record of readCatalog(file)) {
        const slug = itemSlug(record.id);
        const clash = slugs.get(slug);
        if (clash !== undefined) throw new Error(`ids ${JSON.stringify(clash)} and ${JSON.stringify(record.id)} map to one page (${slug})`);
        slugs.set(slug, record.id);
        const mine = position++ % shard.of === shard.part;
        // Item shards keep their slice in full; the list shard keeps every record as a (smaller) card.
        if (shard.items && mine) store.set({ id: record.id, data: { ...record, slug } });
        else if (shard.lists) store.set({ id: record.id, data: { ...toCard(record), slug } });
        else continue;
        kept++;
      }
      logger.info(`${kept} of ${position} catalogue records from ${file}`);
    },
  };
}
