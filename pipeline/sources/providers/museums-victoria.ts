// Museums Victoria adapter (collections API items): one item per image in `media`, each with its own licence.
import { findRecords, jsonProvider, type Mapped, type MappedItem } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, type Json } from './pick.js';

/** The media's licence: short name and URL when given, else the rights statement. */
function victoriaLicence(m: Json): string | undefined {
  const parts = [str(get(m, 'licence', 'shortName')), str(get(m, 'licence', 'uri'))].filter((s): s is string => !!s);
  return parts.length ? parts.join(' ') : str(get(m, 'rightsStatement'));
}

function mapItem(it: Json): Mapped {
  const id = str(get(it, 'id'));
  if (!id) return { error: 'not a Museums Victoria item (no id)' };
  const media = arr(get(it, 'media')).filter((m) => str(get(m, 'type')) === 'image' && first(get(m, 'large', 'uri'), get(m, 'medium', 'uri')));
  if (media.length === 0) return { error: 'no image', foreignId: id };
  return media.map(
    (m): MappedItem => ({
      foreignId: `${id}:${first(get(m, 'id'), '')}`,
      image: first(get(m, 'large', 'uri'), get(m, 'medium', 'uri'))!,
      title: first(get(it, 'displayTitle'), get(it, 'objectName'), get(m, 'caption')),
      creator: first(...arr(get(m, 'creators')))?.replace(/^[A-Za-z ]+:\s*/, ''),
      description: str(get(it, 'objectSummary')),
      tags: arr(get(it, 'classifications')).map(str).filter((s): s is string => !!s),
      licence: victoriaLicence(m),
      sourceUrl: `https://collections.museumsvictoria.com.au/${id}`,
      assertedBy: 'institution',
      retrievedAt: isoTime(first(get(m, 'dateModified'), get(it, 'dateModified'))),
      extra: { provider: 'museumsvictoria', rightsStatement: str(get(m, 'rightsStatement')) },
    }),
  );
}

export const museumsVictoriaAdapter = jsonProvider({
  name: 'museumsvictoria',
  recordsAt: (doc) => findRecords(doc, Array.isArray(doc) ? [[]] : [], (d) => isObject(d) && 'media' in d),
  map: mapItem,
});
