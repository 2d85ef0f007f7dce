// Cleveland Museum of Art adapter (Open Access API `data` rows): licence from share_license_status, else the copyright line.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, year, type Json } from './pick.js';

function mapArtwork(a: Json): Mapped {
  const id = str(get(a, 'id'));
  if (!id) return { error: 'not a Cleveland artwork (no id)' };
  const image = first(get(a, 'images', 'web', 'url'), get(a, 'images', 'print', 'url'), get(a, 'images', 'full', 'url'));
  if (!image) return { error: 'no image', foreignId: id };
  const creator = arr(get(a, 'creators'))[0];
  return [
    {
      foreignId: id,
      image,
      title: str(get(a, 'title')),
      creator: first(get(creator, 'description'), get(creator, 'name_in_original_language')),
      creatorDeathYear: year(get(creator, 'death_year')),
      description: str(get(a, 'wall_description')),
      date: str(get(a, 'creation_date')),
      tags: [str(get(a, 'type')), str(get(a, 'department'))].filter((s): s is string => !!s),
      licence: first(get(a, 'share_license_status'), get(a, 'copyright')),
      sourceUrl: str(get(a, 'url')),
      assertedBy: 'institution',
      retrievedAt: isoTime(get(a, 'updated_at')),
      extra: { provider: 'cleveland', accessionNumber: str(get(a, 'accession_number')), copyright: str(get(a, 'copyright')) },
    },
  ];
}

export const clevelandAdapter = jsonProvider({
  name: 'cleveland',
  recordsAt: (doc) => findRecords(doc, [['data']], (d) => isObject(d) && 'images' in d),
  map: mapArtwork,
});
