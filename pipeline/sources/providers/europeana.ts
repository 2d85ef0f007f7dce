// Europeana adapter (Search API items): licence from `rights`, landing page from the item's guid or the provider's page.
import { findRecords, jsonProvider, type Mapped } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, type Json } from './pick.js';

const firstOf = (v: Json): string | undefined => first(...arr(v));
/** Drops tracking and key parameters that Europeana adds to guids. */
const cleanUrl = (u: string | undefined): string | undefined => u?.replace(/\?.*$/, '');

function mapItem(it: Json): Mapped {
  const id = str(get(it, 'id'));
  if (!id) return { error: 'not a Europeana item (no id)' };
  const image = first(firstOf(get(it, 'edmIsShownBy')), firstOf(get(it, 'edmPreview')));
  if (!image) return { error: 'no image', foreignId: id };
  const agent = arr(get(it, 'edmAgentLabel')).map((a) => str(get(a, 'def'))).find(Boolean);
  return [
    {
      foreignId: id,
      image,
      title: first(firstOf(get(it, 'title')), firstOf(get(it, 'dcTitleLangAware', 'def'))),
      creator: agent,
      description: firstOf(get(it, 'dcDescription')),
      tags: arr(get(it, 'edmConceptLabel')).map((c) => str(get(c, 'def'))).filter((s): s is string => !!s),
      licence: firstOf(get(it, 'rights')),
      sourceUrl: cleanUrl(first(get(it, 'guid'), firstOf(get(it, 'edmIsShownAt')))),
      assertedBy: 'institution',
      retrievedAt: isoTime(first(get(it, 'timestamp_update'), get(it, 'timestamp_created'))),
      extra: { provider: 'europeana', dataProvider: firstOf(get(it, 'dataProvider')), providerPage: firstOf(get(it, 'edmIsShownAt')) },
    },
  ];
}

export const europeanaAdapter = jsonProvider({
  name: 'europeana',
  recordsAt: (doc) => findRecords(doc, [['items'], ...(Array.isArray(doc) ? [[]] : [])], (d) => isObject(d) && 'rights' in d),
  map: mapItem,
});
