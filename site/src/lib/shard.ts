// Which part of the site this Astro build makes (env CLEARANCE_SHARD): everything, the list pages, or a slice of item pages.

export interface Shard {
  /** Gallery, facet, search and about pages (they need every record, as cards). */
  lists: boolean;
  /** Item pages for records whose position in catalog.jsonl is `part` modulo `of`. */
  items: boolean;
  part: number;
  of: number;
}

export function parseShard(spec: string | undefined): Shard {
  if (!spec || spec === 'all') return { lists: true, items: true, part: 0, of: 1 };
  if (spec === 'lists') return { lists: true, items: false, part: 0, of: 1 };
  const m = /^items:(\d+)\/(\d+)$/.exec(spec);
  if (!m || Number(m[1]) >= Number(m[2])) throw new Error(`CLEARANCE_SHARD must be all, lists or items:<i>/<n>, not ${JSON.stringify(spec)}`);
  return { lists: false, items: true, part: Number(m[1]), of: Number(m[2]) };
}

export const shard: Shard = parseShard(process.env.CLEARANCE_SHARD);
