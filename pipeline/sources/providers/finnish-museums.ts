// Finnish museums adapter (Finna API records): licence from imageRights (name and link), landing page on finna.fi.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, str, type Json } from './pick.js';

function mapRecord(r: Json): Mapped {
  const id = str(get(r, 'id'));
  if (!id) return { error: 'not a Finna record (no id)' };
  const image = str(arr(get(r, 'images'))[0]);
  if (!image) return { error: 'no image', foreignId: id };
  const licence = [str(get(r, 'imageRights', 'copyright')), str(get(r, 'imageRights', 'link'))].filter(Boolean).join(' ') || undefined;
  return [
    {
      foreignId: id,
      image: /^https?:/.test(image) ? image : `https://api.finna.fi${image}`,
      title: str(get(r, 'title')),
      creator: str(get(arr(get(r, 'nonPresenterAuthors'))[0], 'name')),
      tags: arr(get(r, 'subjects')).flatMap((s) => arr(s)).map(str).filter((s): s is string => !!s),
      licence,
      sourceUrl: `https://www.finna.fi/Record/${encodeURIComponent(id)}`,
      assertedBy: 'institution',
      extra: { provider: 'finnishmuseums', building: first(get(arr(get(r, 'buildings'))[0], 'translated')) },
    },
  ];
}

export const finnishMuseumsAdapter = jsonProvider({
  name: 'finnishmuseums',
  recordsAt: (doc) => findRecords(doc, [['records']], (d) => isObject(d) && 'imageRights' in d),
  map: mapRecord,
});
