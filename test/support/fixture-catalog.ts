// Writes a small fixture pipeline output dir (catalog.jsonl + thumbnails + report.json) for site tests.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { CatalogRecord, type LicenceId } from '../../pipeline/catalog/record.js';

export interface FixtureItem {
  id: string;
  title: string;
  nsfw: number | null;
  faces: number | null;
  source: string;
  licence: LicenceId;
  release: string;
}

const SOURCES = ['museum', 'archive', 'commons'] as const;
const LICENCES: LicenceId[] = ['cc0-1.0', 'pdm-1.0', 'optin'];
const FRUITS = ['Apple', 'Pear', 'Quince', 'Plum', 'Cherry', 'Peach', 'Fig', 'Lemon', 'Medlar', 'Apricot'];

export const XSS_TITLE = '<script>alert(1)</script>';
export const HIGH_NSFW_TITLE = 'Bathers at dusk';
export const FACES_TITLE = 'Portrait of the orchard keepers';
export const UNIQUE_WORD = 'Zanzibarine';

const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

/** The fixture's items, deterministic: `count` records over three sources, three licences and two releases. */
export function fixtureItems(count = 30): FixtureItem[] {
  const items: FixtureItem[] = [];
  for (let i = 0; i < count; i++) {
    const source = SOURCES[i % SOURCES.length]!;
    let title = `${FRUITS[i % FRUITS.length]} study no. ${i}`;
    let nsfw: number | null = Number(((i * 7) % 19) / 100);
    let faces: number | null = 0;
    if (i === 1) title = XSS_TITLE;
    if (i === 2) (title = HIGH_NSFW_TITLE), (nsfw = 0.97);
    if (i === 3) (title = FACES_TITLE), (faces = 2);
    if (i === 4) title = `${UNIQUE_WORD} plum in a blue bowl`;
    if (i === 5) nsfw = null;
    items.push({
      id: `${source}:${i === 6 ? 'odd id/with spaces?&#' : `obj-${String(i).padStart(3, '0')}`}`,
      title,
      nsfw,
      faces,
      source,
      licence: LICENCES[Math.floor(i / 3) % LICENCES.length]!,
      release: i % 2 === 0 ? '2026-11' : '2026-10',
    });
  }
  return items;
}

/** Writes `<dir>/catalog.jsonl`, `<dir>/files/thumb/**` and `<dir>/report.json`; returns the records. `colours` (a
 *  multiple of 12) bounds the distinct thumbnails: item i looks like item i mod colours (a big catalogue that only
 *  needs to be big then encodes a few instead of 768). */
export async function writeFixtureCatalog(dir: string, count = 30, colours = 768): Promise<CatalogRecord[]> {
  if (colours % 12 !== 0) throw new Error(`writeFixtureCatalog: colours must be a multiple of 12 (sizes repeat every 12), not ${colours}`);
  const records: CatalogRecord[] = [];
  // Colours repeat every 256 items and sizes every 12: each distinct thumbnail is encoded once (same bytes anyway).
  const encoded = new Map<string, Promise<{ thumb: Buffer; tiny: Buffer }>>();
  const written = new Set<string>();
  for (const [i, item] of fixtureItems(count).entries()) {
    const width = 640 + (i % 4) * 80;
    const height = 480 + (i % 3) * 60;
    const c = i % colours;
    const colour = { r: (c * 53) % 256, g: (c * 97) % 256, b: (c * 151) % 256 };
    const thumbW = 320;
    const thumbH = Math.round((height / width) * thumbW);
    const key = `${colour.r},${colour.g},${colour.b},${thumbH}`;
    if (!encoded.has(key)) encoded.set(key, encodeThumb(thumbW, thumbH, colour));
    const { thumb, tiny } = await encoded.get(key)!;
    const thumbSha = sha(thumb);
    const thumbKey = `thumb/${thumbSha.slice(0, 2)}/${thumbSha}.webp`;
    if (!written.has(thumbKey)) {
      written.add(thumbKey);
      await mkdir(join(dir, 'files', 'thumb', thumbSha.slice(0, 2)), { recursive: true });
      await writeFile(join(dir, 'files', thumbKey), thumb);
    }
    const originalSha = sha(`original:${item.id}`);
    const [source, foreignId] = [item.source, item.id.slice(item.source.length + 1)];
    const statement = item.licence === 'optin' ? 'Opted in by the rights holder at $0.002' : item.licence === 'cc0-1.0' ? 'CC0 1.0' : 'Public Domain Mark 1.0';
    records.push(
      CatalogRecord.parse({
        id: item.id,
        title: item.title,
        creator: i === 1 ? '<img src=x onerror=alert(2)>' : i % 5 === 0 ? null : `Painter ${i}`,
        description: i % 2 === 0 ? `A watercolour of a ${FRUITS[i % FRUITS.length]!.toLowerCase()} from the ${source} collection.` : undefined,
        date: String(1880 + i),
        tags: ['fruit', FRUITS[i % FRUITS.length]!.toLowerCase()],
        source,
        sourceUrl: `https://${source}.example.org/objects/${encodeURIComponent(foreignId)}`,
        licence: {
          id: item.licence,
          url: item.licence === 'optin' ? 'https://clearance.example/optin' : `https://creativecommons.org/publicdomain/${item.licence === 'cc0-1.0' ? 'zero/1.0/' : 'mark/1.0/'}`,
          evidence: [{ kind: item.licence === 'optin' ? 'rights-holder' : 'source-record', statement, normalised: item.licence, assertedBy: item.licence === 'optin' ? 'creator' : 'institution' }],
        },
        provenance: {
          release: item.release,
          adapter: 'manifest',
          foreignId,
          retrievedAt: `2026-11-0${1 + (i % 9)}T10:00:00.000Z`,
          assertedBy: item.licence === 'optin' ? 'creator' : 'institution',
          originalMetadataSha256: sha(`meta:${item.id}`),
        },
        sha256: originalSha,
        phash: originalSha.slice(0, 16),
        width,
        height,
        format: 'jpeg',
        bytes: 100_000 + i,
        files: { original: `original/${originalSha.slice(0, 2)}/${originalSha}.jpg`, thumb: thumbKey },
        placeholder: `data:image/png;base64,${tiny.toString('base64')}`,
        safety: { nsfw: item.nsfw, faces: item.faces, faceScore: item.faces ? 0.93 : item.faces === 0 ? 0.02 : null, textPii: false },
        models: { safety: 'fixture@1' },
        rightsHolder: item.licence === 'optin' ? 'rh-1' : undefined,
        priceMicros: item.licence === 'optin' ? 2000 : 0,
      }),
    );
  }
  await writeFile(join(dir, 'catalog.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await writeFile(join(dir, 'report.json'), JSON.stringify({ release: '2026-11', accepted: records.length }));
  return records;
}

async function encodeThumb(width: number, height: number, background: { r: number; g: number; b: number }): Promise<{ thumb: Buffer; tiny: Buffer }> {
  const thumb = await sharp({ create: { width, height, channels: 3, background } }).webp({ quality: 60 }).toBuffer();
  return { thumb, tiny: await sharp(thumb).resize(8).png().toBuffer() };
}
