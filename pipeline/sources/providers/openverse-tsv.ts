// Openverse catalog TSV adapter (image-table dumps and provider TSVs): one item per row, licence from license + license_version.
import type { ReleaseSource } from '../../catalog/index.js';
import type { Mapped } from './provider-files.js';
import { openverseLicenceUrl } from './openverse-licence.js';
import { layoutOf, rowRecord } from './openverse-layouts.js';
import { copyFields } from './pg-copy.js';
import { arr, first, get, isoTime, str, type Json } from './pick.js';
import { textProvider, type TextRecord } from './text-provider.js';

/** Every non-blank line is a row; a row of no known layout is an error entry. */
function* openverseTsvRecords(text: string): Generator<TextRecord> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = copyFields(line);
    const layout = layoutOf(fields);
    const at = { key: String(i + 1), where: `line ${i + 1}` };
    yield 'error' in layout ? { ...at, error: layout.error } : { ...at, text: line, record: rowRecord(layout, fields) };
  }
}

/** A JSON column (meta_data, tags): undefined when NULL, `{ error }` when it is not JSON. */
function jsonColumn(v: Json, name: string): { value?: Json; error?: string } {
  const s = str(v);
  if (s === undefined) return {};
  try {
    return { value: JSON.parse(s) as Json };
  } catch (e) {
    return { error: `${name} is not JSON: ${(e as Error).message}` };
  }
}

/** Postgres prints time zones as "+00"; ISO needs "+00:00". */
const pgTime = (v: Json): string | undefined => isoTime(str(v)?.replace(/([+-]\d\d)$/, '$1:00'));

function mapRow(r: Json, source: ReleaseSource): Mapped {
  const fid = str(get(r, 'foreign_identifier'));
  const provider = str(get(r, 'provider'));
  if (!fid) return { error: 'no foreign_identifier' };
  const foreignId = provider ? `${provider}/${fid}` : fid;
  const image = str(get(r, 'url'));
  if (!image) return { error: 'no url (the image URL)', foreignId };
  if (get(r, 'removed_from_source') === 't') return { error: 'removed from its source', foreignId };
  const meta = jsonColumn(get(r, 'meta_data'), 'meta_data');
  const tags = jsonColumn(get(r, 'tags'), 'tags');
  const bad = meta.error ?? tags.error;
  if (bad) return { error: bad, foreignId };
  const statements = [openverseLicenceUrl(str(get(r, 'license')), str(get(r, 'license_version'))), str(get(r, 'license_url')), str(get(meta.value, 'license_url'))];
  const licence = [...new Set(statements.filter((s): s is string => !!s))].join(' ') || undefined;
  return [
    {
      foreignId,
      image,
      title: str(get(r, 'title')),
      creator: str(get(r, 'creator')),
      description: str(get(meta.value, 'description')),
      tags: arr(tags.value).map((t) => first(t, get(t, 'name'))).filter((s): s is string => !!s),
      licence,
      sourceUrl: str(get(r, 'foreign_landing_url')),
      // The catalog relays what the provider stated: a third party's record unless the release says who asserted it.
      assertedBy: source.assertedBy ?? 'third-party',
      retrievedAt: pgTime(first(get(r, 'updated_on'), get(r, 'last_synced_with_source'))),
      extra: {
        provider,
        source: str(get(r, 'source')),
        via: 'openverse-catalog',
        layout: str(get(r, 'layout')),
        openverseId: str(get(r, 'identifier')),
        license: str(get(r, 'license')),
        licenseVersion: str(get(r, 'license_version')),
        rawLicenseUrl: str(get(meta.value, 'raw_license_url')),
        creatorUrl: str(get(r, 'creator_url')),
        width: str(get(r, 'width')),
        height: str(get(r, 'height')),
      },
    },
  ];
}

export const openverseTsvAdapter = textProvider({ name: 'openverse-tsv', format: 'Openverse catalog TSV', records: openverseTsvRecords, map: mapRow });
