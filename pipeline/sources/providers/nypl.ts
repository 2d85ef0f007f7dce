// New York Public Library adapter (Digital Collections search results): licence from the rights statement and its URI.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { first, get, isObject, str, type Json } from './pick.js';

function mapResult(r: Json): Mapped {
  const uuid = str(get(r, 'uuid'));
  if (!uuid) return { error: 'not an NYPL search result (no uuid)' };
  const imageId = str(get(r, 'imageID'));
  if (!imageId) return { error: 'no image', foreignId: uuid };
  const licence = [str(get(r, 'rightsStatementURI')), str(get(r, 'rightsStatement'))].filter(Boolean).join(' ') || undefined;
  return [
    {
      foreignId: uuid,
      image: `https://images.nypl.org/index.php?id=${encodeURIComponent(imageId)}&t=w`,
      title: str(get(r, 'title')),
      tags: [str(get(r, 'typeOfResource'))].filter((s): s is string => !!s),
      licence,
      sourceUrl: first(get(r, 'itemLink')),
      assertedBy: 'institution',
      extra: { provider: 'nypl', imageId, apiUri: str(get(r, 'apiUri')) },
    },
  ];
}

export const nyplAdapter = jsonProvider({
  name: 'nypl',
  recordsAt: (doc) => findRecords(doc, [['nyplAPI', 'response', 'result']], (d) => isObject(d) && 'uuid' in d),
  map: mapResult,
});
