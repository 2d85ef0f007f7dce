// Brooklyn Museum adapter (open collection API objects): licence from the rights type's name and its Creative Commons link.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, type Json } from './pick.js';

/** "Creative Commons-BY https://creativecommons.org/licenses/by/3.0/": the public name plus the CC link in the description. */
function brooklynLicence(o: Json): string | undefined {
  const desc = str(get(o, 'rights_type', 'description')) ?? '';
  const href = /href="([^"]*creativecommons[^"]*)"/i.exec(desc)?.[1];
  const parts = [str(get(o, 'rights_type', 'public_name')), href].filter((s): s is string => !!s);
  return parts.length ? parts.join(' ') : str(get(o, 'copyright'));
}

/** Where the API's bare image file names live (the largest derivative, as in `largest_derivative_url`). */
const CDN = 'https://d1lfxha3ugu3d4.cloudfront.net/images/opencollection/objects/size4/';

function mapObject(o: Json): Mapped {
  const id = str(get(o, 'id'));
  if (!id) return { error: 'not a Brooklyn Museum object (no id)' };
  const img = arr(get(o, 'images'))[0];
  const path = first(get(img, 'largest_derivative_url'), get(o, 'primary_image'));
  if (!path) return { error: 'no image', foreignId: id };
  const artist = arr(get(o, 'artists'))[0];
  return [
    {
      foreignId: id,
      image: /^https?:\/\//.test(path) ? path : path.includes('/') ? `https://${path.replace(/^\/+/, '')}` : `${CDN}${encodeURIComponent(path)}`,
      title: str(get(o, 'title')),
      creator: str(get(artist, 'name')),
      date: str(get(o, 'object_date')),
      tags: [str(get(o, 'classification'))].filter((s): s is string => !!s),
      licence: brooklynLicence(o),
      sourceUrl: `https://www.brooklynmuseum.org/opencollection/objects/${id}`,
      assertedBy: 'institution',
      retrievedAt: isoTime(get(img, 'date_added')),
      extra: { provider: 'brooklyn', rightsType: str(get(o, 'rights_type', 'name')), copyrightRestricted: get(o, 'copyright_restricted') },
    },
  ];
}

export const brooklynAdapter = jsonProvider({
  name: 'brooklyn',
  recordsAt: (doc) => findRecords(doc, Array.isArray(get(doc, 'data')) ? [['data']] : [], (d) => isObject(d) && ('rights_type' in d || 'images' in d)),
  map: (doc) => mapObject(isObject(get(doc, 'data')) ? get(doc, 'data') : doc),
});
