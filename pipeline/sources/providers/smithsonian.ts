// Smithsonian Open Access adapter (EDAN rows): one item per image in online_media, licence from the media's usage.
import { findRecords, jsonProvider, type Mapped, type MappedItem } from './json-provider.js';
import { arr, first, get, isObject, isoTime, str, type Json } from './pick.js';

const CREATOR_LABELS = /^(creator|artist|photographer|author|maker|designer|engraver|illustrator)$/i;

function mapRow(row: Json): Mapped {
  const dnr = get(row, 'content', 'descriptiveNonRepeating');
  const recordId = first(get(dnr, 'record_ID'), get(row, 'id'));
  if (!isObject(dnr) || !recordId) return { error: 'not an EDAN record (no descriptiveNonRepeating.record_ID)', ...(recordId && { foreignId: recordId }) };
  const media = arr(get(dnr, 'online_media', 'media')).filter((m) => str(get(m, 'type')) === 'Images' && str(get(m, 'content')));
  if (media.length === 0) return { error: 'no image in online_media', foreignId: recordId };
  const name = arr(get(row, 'content', 'freetext', 'name')).find((n) => CREATOR_LABELS.test(str(get(n, 'label')) ?? ''));
  const topics = arr(get(row, 'content', 'indexedStructured', 'topic')).map(str).filter((s): s is string => !!s);
  const edanUrl = str(get(row, 'url'));
  return media.map(
    (m, i): MappedItem => ({
      foreignId: media.length === 1 ? recordId : `${recordId}:${first(get(m, 'idsId'), i)}`,
      image: str(get(m, 'content'))!,
      title: first(get(dnr, 'title', 'content'), get(row, 'title')),
      creator: str(get(name, 'content')),
      date: str(get(arr(get(row, 'content', 'freetext', 'date'))[0], 'content')),
      tags: topics,
      licence: first(get(m, 'usage', 'access'), get(dnr, 'metadata_usage', 'access')),
      sourceUrl: first(get(dnr, 'record_link'), get(dnr, 'guid'), edanUrl && `https://collections.si.edu/search/detail/${edanUrl}`),
      assertedBy: 'institution',
      retrievedAt: isoTime(first(get(row, 'lastTimeUpdated'), get(row, 'timestamp'))),
      extra: { provider: 'smithsonian', unitCode: str(get(dnr, 'unit_code')), dataSource: str(get(dnr, 'data_source')) },
    }),
  );
}

export const smithsonianAdapter = jsonProvider({
  name: 'smithsonian',
  recordsAt: (doc) => findRecords(doc, [['response', 'rows'], ['rows']], (d) => isObject(get(d, 'content'))),
  map: mapRow,
});
