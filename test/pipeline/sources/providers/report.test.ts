// Every recorded provider record through adapter + rights stage: none without CC0/PDM accepted; prints the per-provider table.
import { describe, expect, test } from 'vitest';
import { providerAdapters } from '../../../../pipeline/sources/providers/index.js';
import { normaliseLicence } from '../../../../pipeline/rights/normalise.js';
import { hasCorpus, readEntries, rightsDecision, title } from './fixtures.js';

const FOLDERS: Record<string, string[]> = {
  wikimedia: ['wikimedia/*.json', 'wikimedia/continuation/*.json'],
  smithsonian: ['smithsonian/*.json'],
  met: ['metropolitan_museum_of_art/*.json'],
  cleveland: ['clevelandmuseum/*.json'],
  europeana: ['europeana/*.json'],
  smk: ['smk/*.json'],
  rawpixel: ['rawpixel/*.json'],
  flickr: ['flickr/*.json'],
  stocksnap: ['stocksnap/*.json'],
  museumsvictoria: ['museumvictoria/*.json'],
  brooklyn: ['brooklynmuseum/*.json'],
  nypl: ['nypl/*.json'],
  sciencemuseum: ['sciencemuseum/*.json'],
  finnishmuseums: ['finnishmuseums/*.json'],
  inaturalist: ['inaturalist/*.txt'],
  'openverse-tsv': ['*.tsv'],
};

interface Row {
  provider: string;
  items: number;
  accepted: number;
  review: number;
  rejected: number;
  unusable: number;
  reasons: Record<string, number>;
}

describe.skipIf(!hasCorpus)(title('every provider fixture through the rights stage'), () => {
  test('not one item without a CC0/PDM licence is accepted; table per provider', async () => {
    const rows: Row[] = [];
    for (const [provider, paths] of Object.entries(FOLDERS)) {
      const adapter = providerAdapters[provider]!;
      const row: Row = { provider, items: 0, accepted: 0, review: 0, rejected: 0, unusable: 0, reasons: {} };
      const seen = new Set<string>();
      for (const path of paths) {
        for (const e of await readEntries(adapter, path)) {
          if (!e.ok) {
            row.unusable++;
            continue;
          }
          if (seen.has(e.item.id)) continue; // the same record recorded in several fixture files
          seen.add(e.item.id);
          const d = await rightsDecision(e.item);
          row.items++;
          row[d.status]++;
          const main = d.reasons[0]!.code;
          row.reasons[main] = (row.reasons[main] ?? 0) + 1;
          if (d.status === 'accepted') {
            expect(['cc0-1.0', 'pdm-1.0']).toContain(d.rights?.licence.id);
            expect(['cc0-1.0', 'pdm-1.0']).toContain(normaliseLicence(e.item.licence ?? '').licenceId);
            expect(e.item.assertedBy).not.toBe('third-party');
          }
        }
      }
      rows.push(row);
    }
    const lines = [
      '| provider | items | accepted | held (review) | rejected | unusable records | main reasons |',
      '|---|---:|---:|---:|---:|---:|---|',
      ...rows.map(
        (r) =>
          `| ${r.provider} | ${r.items} | ${r.accepted} | ${r.review} | ${r.rejected} | ${r.unusable} | ${Object.entries(r.reasons)
            .sort((a, b) => b[1] - a[1])
            .map(([c, n]) => `${c.replace('licence.', '')} ${n}`)
            .join(', ')} |`,
      ),
    ];
    console.log(`\nProvider fixtures through adapter + rights stage (unique items by id):\n${lines.join('\n')}\n`);
    expect(rows.reduce((s, r) => s + r.items, 0)).toBeGreaterThan(300);
    // Providers whose recorded records state no CC0/PDM (or state it as a third party) have nothing accepted.
    for (const p of ['flickr', 'rawpixel', 'met', 'museumsvictoria', 'sciencemuseum', 'finnishmuseums', 'stocksnap', 'brooklyn', 'wikimedia', 'inaturalist'])
      expect(rows.find((r) => r.provider === p)!.accepted).toBe(0);
  });
});
