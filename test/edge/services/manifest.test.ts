// Unit tests of manifest rendering: CSV quoting, formula neutralising and empty cells; JSON Lines; Parquet types,
// nulls and footer metadata read back with hyparquet (an independent reader).
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { MANIFEST_COLUMNS, renderManifest, type ManifestRow } from '../../../edge/src/services/manifest.js';

const row = (over: Partial<ManifestRow> = {}): ManifestRow => ({
  id: 'src:1', url: 'http://x/v1/items/src%3A1/download?sig=1', expiresAt: '2026-11-25T00:00:00.000Z',
  sha256: 'ab'.repeat(32), bytes: 10, width: 640, height: 480, format: 'jpeg', contentType: 'image/jpeg', sourceSha256: 'cd'.repeat(32),
  title: 'A "quoted", title', caption: 'A "quoted", title', creator: 'Deborah G. Passmore', licence: 'cc0-1.0',
  licenceUrl: 'https://creativecommons.org/publicdomain/zero/1.0/', source: 'pomological', sourceUrl: 'https://example.org/w/1',
  release: '2026-11', retrievedAt: '2026-11-01T10:00:00Z', rightsHolder: null, priceMicros: 0,
  nsfw: 0.0125, faces: 0, faceScore: null, textPii: false, filter: 'maxNsfw=0.2', ...over,
});

describe('renderManifest', () => {
  it('quotes CSV fields, neutralises spreadsheet formulas and leaves nulls empty', () => {
    const { body } = renderManifest([row(), row({ id: 'src:2', title: '=HYPERLINK("http://evil")', creator: null, nsfw: null })], 'csv');
    const lines = (body as string).trim().split('\r\n');
    expect(lines[0]).toBe(MANIFEST_COLUMNS.map((c) => c.name).join(','));
    expect(lines[1]).toContain('"A ""quoted"", title"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const cells = lines[2]!.split(',');
    expect(cells[MANIFEST_COLUMNS.findIndex((c) => c.name === 'nsfw') + 1]).toBe(''); // +1: the title's comma inside quotes
  });

  it('writes one JSON object a line and an empty body for no rows', () => {
    const { body } = renderManifest([row(), row({ id: 'src:2' })], 'jsonl');
    const parsed = (body as string).trim().split('\n').map((l) => JSON.parse(l) as ManifestRow);
    expect(parsed.map((r) => r.id)).toEqual(['src:1', 'src:2']);
    expect(parsed[0]).toEqual(row());
    expect(renderManifest([], 'jsonl').body).toBe('');
  });

  it('writes Parquet with proper types: INT64, INT32, DOUBLE, BOOLEAN, UTC timestamps, optional where null, and footer metadata', async () => {
    const rows = [row(), row({ id: 'src:2', width: null, height: null, format: null, creator: null, nsfw: null, faces: null, textPii: null, retrievedAt: null, priceMicros: 5000 })];
    const { body, contentType } = renderManifest(rows, 'parquet', { 'clearance.filter': '{"summary":"maxNsfw=0.2"}' });
    expect(contentType).toBe('application/vnd.apache.parquet');
    const buf = new Uint8Array(body as ArrayBuffer).slice().buffer;
    const meta = parquetMetadata(buf);
    expect(Number(meta.num_rows)).toBe(2);
    expect(meta.key_value_metadata).toContainEqual({ key: 'clearance.filter', value: '{"summary":"maxNsfw=0.2"}' });
    const schema = new Map(meta.schema.slice(1).map((e) => [e.name, e]));
    expect([...schema.keys()]).toEqual(MANIFEST_COLUMNS.map((c) => c.name));
    expect(schema.get('bytes')).toMatchObject({ type: 'INT64', repetition_type: 'REQUIRED' });
    expect(schema.get('priceMicros')).toMatchObject({ type: 'INT64', repetition_type: 'REQUIRED' });
    expect(schema.get('width')).toMatchObject({ type: 'INT32', repetition_type: 'OPTIONAL' });
    expect(schema.get('faces')).toMatchObject({ type: 'INT32', repetition_type: 'OPTIONAL' });
    expect(schema.get('nsfw')).toMatchObject({ type: 'DOUBLE', repetition_type: 'OPTIONAL' });
    expect(schema.get('textPii')).toMatchObject({ type: 'BOOLEAN' });
    expect(schema.get('expiresAt')).toMatchObject({ type: 'INT64', repetition_type: 'REQUIRED', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } });
    expect(schema.get('sha256')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    const back = await parquetReadObjects({ file: buf });
    expect(back[0]).toMatchObject({ id: 'src:1', bytes: 10n, width: 640, nsfw: 0.0125, faces: 0, textPii: false, creator: 'Deborah G. Passmore' });
    expect((back[0]!.expiresAt as Date).toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect((back[0]!.retrievedAt as Date).toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(back[1]).toMatchObject({ id: 'src:2', width: null, nsfw: null, faces: null, textPii: null, creator: null, retrievedAt: null, priceMicros: 5000n });
  });
});
