// Flickr adapter (photos.search responses): the numeric licence id is translated with Flickr's own licence table.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { first, get, isObject, str, text, type Json } from './pick.js';

/** flickr.photos.licenses.getInfo: id → the licence as Flickr names it (URL where it has one). */
const FLICKR_LICENCES: Record<string, string> = {
  '0': 'All Rights Reserved',
  '1': 'https://creativecommons.org/licenses/by-nc-sa/2.0/',
  '2': 'https://creativecommons.org/licenses/by-nc/2.0/',
  '3': 'https://creativecommons.org/licenses/by-nc-nd/2.0/',
  '4': 'https://creativecommons.org/licenses/by/2.0/',
  '5': 'https://creativecommons.org/licenses/by-sa/2.0/',
  '6': 'https://creativecommons.org/licenses/by-nd/2.0/',
  '7': 'No known copyright restrictions https://www.flickr.com/commons/usage/',
  '8': 'United States Government Work',
  '9': 'https://creativecommons.org/publicdomain/zero/1.0/',
  '10': 'https://creativecommons.org/publicdomain/mark/1.0/',
};

/** The licence a Flickr photo states; an id outside the table is passed on as is (and will not be recognised). */
export function flickrLicence(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return FLICKR_LICENCES[id] ?? `Flickr licence ${id}`;
}

function mapPhoto(p: Json): Mapped {
  const id = str(get(p, 'id'));
  if (!id) return { error: 'not a Flickr photo (no id)' };
  const image = first(get(p, 'url_l'), get(p, 'url_m'), get(p, 'url_s'), get(p, 'url_o'));
  if (!image) return { error: 'no image URL', foreignId: id };
  const owner = str(get(p, 'owner'));
  const licenceId = str(get(p, 'license'));
  return [
    {
      foreignId: id,
      image,
      title: str(get(p, 'title')),
      creator: first(get(p, 'ownername'), owner),
      description: text(get(p, 'description', '_content')),
      date: str(get(p, 'datetaken')),
      tags: (str(get(p, 'tags')) ?? '').split(/\s+/).filter(Boolean),
      licence: flickrLicence(licenceId),
      sourceUrl: owner ? `https://www.flickr.com/photos/${owner}/${id}/` : undefined,
      assertedBy: 'creator',
      extra: { provider: 'flickr', licenseId: licenceId, owner },
    },
  ];
}

export const flickrAdapter = jsonProvider({
  name: 'flickr',
  recordsAt: (doc) => findRecords(doc, [['photos', 'photo'], ...(Array.isArray(doc) ? [[]] : [])], (d) => isObject(d)),
  map: mapPhoto,
});
