// Science Museum Group adapter (collection API `data` objects): one item per image, licence from its usage terms.
import { findRecords, jsonProvider, type Mapped, type MappedItem } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, type Json } from './pick.js';

const IMAGE_BASE = 'https://coimages.sciencemuseumgroup.org.uk/images/';

function mapObject(o: Json): Mapped {
  const id = str(get(o, 'id'));
  if (!id) return { error: 'not a Science Museum object (no id)' };
  const a = get(o, 'attributes');
  const media = arr(get(a, 'multimedia')).filter((m) => str(get(m, 'processed', 'large', 'location')));
  if (media.length === 0) return { error: 'no image', foreignId: id };
  const maker = arr(get(a, 'lifecycle', 'creation', 0, 'maker'))[0];
  return media.map((m): MappedItem => {
    const loc = str(get(m, 'processed', 'large', 'location'))!;
    const rights = arr(get(m, 'source', 'legal', 'rights'))[0];
    return {
      foreignId: `${id}:${first(get(m, 'admin', 'id'), loc)}`,
      image: /^https?:/.test(loc) ? loc : IMAGE_BASE + loc,
      title: first(get(a, 'summary_title'), get(arr(get(a, 'title'))[0], 'value')),
      creator: str(get(maker, 'summary_title')),
      tags: arr(get(a, 'categories')).map((c) => str(get(c, 'name'))).filter((s): s is string => !!s),
      licence: first(get(rights, 'usage_terms'), get(rights, 'details')),
      sourceUrl: str(get(o, 'links', 'self')),
      assertedBy: 'institution',
      retrievedAt: isoTime(get(a, 'admin', 'modified')),
      extra: { provider: 'sciencemuseum', rightsDetails: str(get(rights, 'details')) },
    };
  });
}

export const scienceMuseumAdapter = jsonProvider({
  name: 'sciencemuseum',
  recordsAt: (doc) => findRecords(doc, [['data']], (d) => isObject(d) && 'attributes' in d),
  map: mapObject,
});
