// SMK (Statens Museum for Kunst) adapter: art API items; `rights` is often CC's CC0 page rather than the legal tool's URL.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, year, type Json } from './pick.js';

function mapItem(it: Json): Mapped {
  const id = first(get(it, 'object_number'), get(it, 'id'));
  if (!id) return { error: 'not an SMK item (no object_number or id)' };
  const image = first(get(it, 'image_native'), get(it, 'image_thumbnail'));
  if (!image) return { error: 'no image', foreignId: id };
  const maker = arr(get(it, 'production'))[0];
  const objectNumber = str(get(it, 'object_number'));
  return [
    {
      foreignId: id,
      image,
      title: str(get(arr(get(it, 'titles'))[0], 'title')),
      creator: str(get(maker, 'creator')),
      creatorDeathYear: year(get(maker, 'creator_date_of_death')),
      date: str(get(arr(get(it, 'production_date'))[0], 'period')),
      tags: arr(get(it, 'techniques')).map(str).filter((s): s is string => !!s),
      licence: str(get(it, 'rights')),
      sourceUrl: objectNumber ? `https://open.smk.dk/artwork/image/${encodeURIComponent(objectNumber.toLowerCase())}` : undefined,
      assertedBy: 'institution',
      retrievedAt: isoTime(first(get(it, 'modified'), get(it, 'created'))),
      extra: { provider: 'smk', publicDomain: get(it, 'public_domain') },
    },
  ];
}

export const smkAdapter = jsonProvider({
  name: 'smk',
  recordsAt: (doc) => findRecords(doc, [['items']], (d) => isObject(d) && ('object_number' in d || 'image_native' in d || 'id' in d)),
  map: mapItem,
});
