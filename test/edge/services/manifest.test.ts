// Unit tests of manifest rendering: CSV quoting and formula neutralising, JSON Lines, Parquet magic bytes.
import { describe, expect, it } from 'vitest';
import { renderManifest, type ManifestRow } from '../../../edge/src/services/manifest.js';

const row = (over: Partial<ManifestRow> = {}): ManifestRow => ({
  id: 'src:1', title: 'A "quoted", title', sha256: 'ab'.repeat(32), contentType: 'image/jpeg', bytes: 10, licence: 'cc0-1.0',
  priceMicros: 0, url: 'http://x/v1/items/src%3A1/download?sig=1', expiresAt: '2026-11-25T00:00:00.000Z', ...over,
});

describe('renderManifest', () => {
  it('quotes CSV fields and neutralises spreadsheet formulas', async () => {
    const { body } = renderManifest([row(), row({ id: 'src:2', title: '=HYPERLINK("http://evil")' })], 'csv');
    const lines = (body as string).trim().split('\r\n');
    expect(lines[1]).toContain('"A ""quoted"", title"');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('writes one JSON object a line and an empty body for no rows', () => {
    const { body } = renderManifest([row(), row({ id: 'src:2' })], 'jsonl');
    expect((body as string).trim().split('\n').map((l) => (JSON.parse(l) as ManifestRow).id)).toEqual(['src:1', 'src:2']);
    expect(renderManifest([], 'jsonl').body).toBe('');
  });

  it('writes a Parquet file', () => {
    const { body, contentType } = renderManifest([row()], 'parquet');
    const bytes = new Uint8Array(body as ArrayBuffer);
    expect(contentType).toBe('application/vnd.apache.parquet');
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
    expect(new TextDecoder().decode(bytes.slice(-4))).toBe('PAR1');
  });
});
