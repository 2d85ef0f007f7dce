// StockSnap adapter (search API results): records state no licence; the release source may assert one for all of them.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, get, isObject, str, type Json } from './pick.js';

function mapResult(r: Json): Mapped {
  const id = str(get(r, 'img_id'));
  if (!id) return { error: 'not a StockSnap result (no img_id)' };
  return [
    {
      foreignId: id,
      image: `https://cdn.stocksnap.io/img-thumbs/960w/${encodeURIComponent(id)}.jpg`,
      creator: str(get(r, 'author_name')),
      tags: arr(get(r, 'keywords')).map(str).filter((s): s is string => !!s),
      sourceUrl: `https://stocksnap.io/photo/${encodeURIComponent(id)}`,
      assertedBy: 'creator',
      extra: { provider: 'stocksnap', authorProfile: str(get(r, 'author_profile')) },
    },
  ];
}

export const stocksnapAdapter = jsonProvider({
  name: 'stocksnap',
  recordsAt: (doc) => findRecords(doc, [['results']], (d) => isObject(d) && 'img_id' in d),
  map: mapResult,
});
