// iNaturalist adapter (the catalog's recorded DB response, a Python literal): one item per photo record, licence from license_url.
import type { Mapped } from './provider-files.js';
import { arr, first, get, isObject, str, type Json } from './pick.js';
import { parsePythonLiteralWithSpans, type PyValue } from './python-literal.js';
import { textProvider, type TextRecord } from './text-provider.js';

/** Lists and tuples around the records: the response is a list of DB rows, each a tuple holding a list of photos. */
const MAX_WRAPPING = 3;

/** The photo records (dicts) of a response in order, each with its exact source text; anything else in a row is an error. */
function* inaturalistRecords(text: string): Generator<TextRecord> {
  const { value, spanOf } = parsePythonLiteralWithSpans(text);
  if (!Array.isArray(value) && !isObject(value)) throw new Error('expected a list of rows or a photo record');
  let index = 0;
  function* walk(v: PyValue, level: number): Generator<TextRecord> {
    if (Array.isArray(v) && level < MAX_WRAPPING) {
      for (const child of v) yield* walk(child, level + 1);
      return;
    }
    const key = String(index++);
    const span = isObject(v) ? spanOf(v) : undefined;
    if (span) yield { key, where: `record ${key}`, text: text.slice(span[0], span[1]), record: v };
    else yield { key, where: `record ${key}`, error: `not a photo record (${Array.isArray(v) ? 'nested too deep' : v === null ? 'None' : typeof v})` };
  }
  yield* walk(value, 0);
}

function mapPhoto(p: Json): Mapped {
  const id = str(get(p, 'foreign_identifier'));
  if (!id) return { error: 'not an iNaturalist photo (no foreign_identifier)' };
  const image = str(get(p, 'image_url'));
  if (!image) return { error: 'no image_url', foreignId: id };
  return [
    {
      foreignId: id,
      image,
      title: str(get(p, 'title')),
      creator: str(get(p, 'creator')),
      tags: arr(get(p, 'raw_tags')).map(str).filter((s): s is string => !!s),
      licence: str(get(p, 'license_url')),
      sourceUrl: first(get(p, 'foreign_landing_url'), `https://www.inaturalist.org/photos/${encodeURIComponent(id)}`),
      assertedBy: 'creator',
      extra: { provider: 'inaturalist', creatorUrl: str(get(p, 'creator_url')), filetype: str(get(p, 'filetype')), width: get(p, 'width'), height: get(p, 'height') },
    },
  ];
}

export const inaturalistAdapter = textProvider({ name: 'inaturalist', format: 'a Python literal', records: inaturalistRecords, map: mapPhoto });
