// Astro content loader: reads <CLEARANCE_OUT>/catalog.jsonl, validates every line with the catalogue schema.
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Loader } from 'astro/loaders';
import { CatalogRecord } from '../../../pipeline/catalog/record.js';
import { itemSlug } from './slug.js';

/** Yields validated records of a catalog.jsonl; a bad line throws with its line number (the build must fail). */
export async function* readCatalog(file: string): AsyncGenerator<CatalogRecord> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      throw new Error(`${file}:${n}: not JSON (${(err as Error).message})`);
    }
    const parsed = CatalogRecord.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}:${n}: not a catalogue record: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
    }
    yield parsed.data;
  }
}

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
      let count = 0;
      for await (const record of readCatalog(file)) {
        const slug = itemSlug(record.id);
        const clash = slugs.get(slug);
        if (clash !== undefined) throw new Error(`ids ${JSON.stringify(clash)} and ${JSON.stringify(record.id)} map to one page (${slug})`);
        slugs.set(slug, record.id);
        store.set({ id: record.id, data: { ...record, slug } });
        count++;
      }
      logger.info(`${count} catalogue records from ${file}`);
    },
  };
}
