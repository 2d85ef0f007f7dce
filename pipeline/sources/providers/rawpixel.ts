// Rawpixel adapter (search API results): CC0 claimed by Rawpixel on re-uploads of others' works → asserted by a third party.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, str, text, type Json } from './pick.js';

/** Rawpixel re-publishes works from other sources (credited "… (Source)", "Original public domain image from …"). */
function rawpixelIsReupload(r: Json): boolean {
  const artists = [str(get(r, 'artist_names')), ...arr(get(r, 'metadata', 'artist_names')).map(str)].filter(Boolean).join(' ');
  const blurb = `${str(get(r, 'metadata', 'image_alt')) ?? ''} ${str(get(r, 'metadata', 'pinterest_description')) ?? ''}`;
  return /\(source\)/i.test(artists) || /original public domain image from/i.test(blurb);
}

function mapResult(r: Json): Mapped {
  const id = str(get(r, 'id'));
  if (!id) return { error: 'not a Rawpixel result (no id)' };
  const image = first(get(r, 'google_teaser'), get(r, 'pinterestImage'));
  if (!image) return { error: 'no image', foreignId: id };
  return [
    {
      foreignId: id,
      image,
      title: first(str(get(r, 'metadata', 'title'))?.replace(/\s*\|\s*Free .*rawpixel\s*$/i, ''), get(r, 'title')),
      creator: first(get(r, 'artist_names')),
      description: text(get(r, 'metadata', 'description_text')),
      tags: arr(get(r, 'metadata', 'popular_keywords')).map(str).filter((s): s is string => !!s),
      licence: first(get(r, 'metadata', 'licenseUrl'), get(r, 'metadata', 'license')),
      sourceUrl: str(get(r, 'url')),
      assertedBy: rawpixelIsReupload(r) ? 'third-party' : 'institution',
      extra: { provider: 'rawpixel', licenseSource: str(get(r, 'metadata', 'licenseSource')), infoLabel: str(get(r, 'info_label')) },
    },
  ];
}

export const rawpixelAdapter = jsonProvider({
  name: 'rawpixel',
  recordsAt: (doc) => findRecords(doc, [['results']], (d) => isObject(d) && 'metadata' in d),
  map: mapResult,
});
