// Metropolitan Museum adapter (Collection API objects): one item per image; `isPublicDomain` is stated as a claim, not a licence.
import { basename } from 'node:path';
import { findRecords, jsonProvider, type Mapped, type MappedItem } from './json-provider.js';
import { arr, get, isObject, isoTime, str, year, type Json } from './pick.js';

/** The Met states no licence URL, only a public-domain flag (or a rights text): pass it on as stated. */
function metLicence(o: Json): string | undefined {
  if (get(o, 'isPublicDomain') === true) return 'Public domain (isPublicDomain: true)';
  return str(get(o, 'rightsAndReproduction'));
}

function mapObject(o: Json): Mapped {
  const objectId = str(get(o, 'objectID'));
  if (!objectId) return { error: 'not a Met collection object (no objectID)' };
  const images = [get(o, 'primaryImage'), ...arr(get(o, 'additionalImages'))].map(str).filter((s): s is string => !!s);
  if (images.length === 0) return { error: 'no image', foreignId: objectId };
  const tags = arr(get(o, 'tags')).map((t) => str(get(t, 'term'))).filter((s): s is string => !!s);
  return images.map(
    (image, i): MappedItem => ({
      foreignId: i === 0 ? objectId : `${objectId}-${basename(new URL(image, 'https://x/').pathname).replace(/\.[a-z0-9]+$/i, '')}`,
      image,
      title: str(get(o, 'title')),
      creator: str(get(o, 'artistDisplayName')),
      creatorDeathYear: year(get(o, 'artistEndDate')),
      date: str(get(o, 'objectDate')),
      tags,
      licence: metLicence(o),
      sourceUrl: str(get(o, 'objectURL')),
      assertedBy: 'institution',
      retrievedAt: isoTime(get(o, 'metadataDate')),
      extra: { provider: 'met', isPublicDomain: get(o, 'isPublicDomain'), accessionNumber: str(get(o, 'accessionNumber')), department: str(get(o, 'department')) },
    }),
  );
}

export const metAdapter = jsonProvider({
  name: 'met',
  recordsAt: (doc) => findRecords(doc, Array.isArray(doc) ? [[]] : [], (d) => isObject(d)),
  map: mapObject,
});
