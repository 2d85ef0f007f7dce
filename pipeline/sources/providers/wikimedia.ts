// Wikimedia Commons adapter: API query responses (query.pages) or single pages; uploader ≠ author → third-party assertion.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, str, text, type Json } from './pick.js';

const meta = (em: Json, key: string): string | undefined => str(get(em, key, 'value'));

/** The licence as Commons states it: short name and URL together when both are given, else the template name. */
function wikimediaLicence(em: Json): string | undefined {
  const parts = [meta(em, 'LicenseShortName'), meta(em, 'LicenseUrl')].filter((s): s is string => !!s);
  return parts.length ? [...new Set(parts)].join(' ') : first(meta(em, 'License'), meta(em, 'UsageTerms'));
}

/** 'creator' when the uploader is the credited author (own work by the same user), else 'third-party'. */
function wikimediaAssertedBy(user: string | undefined, em: Json): 'creator' | 'third-party' {
  const artistHtml = meta(em, 'Artist') ?? '';
  const artist = text(artistHtml)?.toLowerCase();
  if (!user || !artist) return 'third-party';
  const u = user.toLowerCase();
  const linksUser = artistHtml.toLowerCase().replace(/_/g, ' ').includes(`user:${u}"`);
  return artist === u || linksUser ? 'creator' : 'third-party';
}

function mapPage(page: Json): Mapped {
  const foreignId = str(get(page, 'pageid'));
  const ii = arr(get(page, 'imageinfo'))[0];
  if (!isObject(ii)) return { error: 'page without imageinfo', ...(foreignId && { foreignId }) };
  if (!foreignId) return { error: 'page without a page id' };
  const mediatype = str(ii.mediatype);
  if (mediatype && !['BITMAP', 'DRAWING'].includes(mediatype)) return { error: `not an image (mediatype ${mediatype})`, foreignId };
  const image = str(ii.url);
  if (!image) return { error: 'no image URL', foreignId };
  const em = ii.extmetadata;
  const user = str(ii.user);
  return [
    {
      foreignId,
      image,
      title: first(meta(em, 'ObjectName'), str(get(page, 'title'))?.replace(/^File:/, '')),
      creator: text(meta(em, 'Artist')),
      description: text(meta(em, 'ImageDescription')),
      date: meta(em, 'DateTimeOriginal'),
      tags: (meta(em, 'Categories') ?? '').split('|').filter(Boolean),
      licence: wikimediaLicence(em),
      sourceUrl: first(ii.descriptionurl, ii.descriptionshorturl),
      assertedBy: wikimediaAssertedBy(user, em),
      extra: {
        provider: 'wikimedia',
        uploader: user,
        credit: text(meta(em, 'Credit')),
        licenseFields: { License: meta(em, 'License'), LicenseShortName: meta(em, 'LicenseShortName'), LicenseUrl: meta(em, 'LicenseUrl'), UsageTerms: meta(em, 'UsageTerms') },
      },
    },
  ];
}

export const wikimediaAdapter = jsonProvider({
  name: 'wikimedia',
  recordsAt: (doc) => findRecords(doc, [['query', 'pages']], (d) => isObject(d) && ('imageinfo' in d || 'pageid' in d)),
  map: mapPage,
});
