// Benchmark data: a catalogue of N records built from the USDA pomological CSV (repeated as needed), sharing 16 thumbnails.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { CatalogRecord } from '../../pipeline/catalog/record.js';
import { parseCsv } from '../../pipeline/sample/csv.js';

const sha = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');

/** Writes `<dir>/catalog.jsonl` with `count` records and `<dir>/files/thumb/**` (16 shared thumbnails). */
export async function writePomologicalCatalog(csvPath: string, dir: string, count: number): Promise<void> {
  const [header, ...rows] = parseCsv(await readFile(csvPath, 'utf8')).filter((r) => r.length > 1);
  const col = (name: string): number => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`${csvPath}: no column ${name}`);
    return i;
  };
  const [authors, fruit, index, subjects, year, image] = [col('authors'), col('fruit'), col('painting_index'), col('subjects'), col('year'), col('image')];
  const thumbs: { key: string; placeholder: string }[] = [];
  for (let t = 0; t < 16; t++) {
    const body = await sharp({ create: { width: 320, height: 240 + (t % 4) * 40, channels: 3, background: { r: 40 + t * 12, g: 160 - t * 5, b: 90 + t * 7 } } }).webp({ quality: 50 }).toBuffer();
    const h = sha(body);
    const key = `thumb/${h.slice(0, 2)}/${h}.webp`;
    await mkdir(join(dir, 'files', 'thumb', h.slice(0, 2)), { recursive: true });
    await writeFile(join(dir, 'files', key), body);
    thumbs.push({ key, placeholder: `data:image/png;base64,${(await sharp(body).resize(8).png().toBuffer()).toString('base64')}` });
  }
  const out = createWriteStream(join(dir, 'catalog.jsonl'));
  for (let i = 0; i < count; i++) {
    const row = rows[i % rows.length]!;
    const rep = Math.floor(i / rows.length);
    const foreignId = `${row[index]}${rep ? `-${rep}` : ''}`;
    const id = `pomological:${foreignId}`;
    const thumb = thumbs[i % thumbs.length]!;
    const h = sha(id);
    const nsfw = (i % 97) / 400;
    const record: CatalogRecord = {
      id,
      title: `${row[fruit]?.trim() || 'Untitled'} (${row[year] || 'n.d.'})${rep ? ` copy ${rep}` : ''}`,
      creator: row[authors]?.trim() || null,
      date: row[year] || undefined,
      tags: (row[subjects] ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      source: 'pomological',
      sourceUrl: row[image] || null,
      licence: { id: 'pdm-1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', evidence: [{ kind: 'source-default', statement: 'No known copyright restrictions; public domain (USDA)', normalised: 'pdm-1.0', assertedBy: 'institution' }] },
      provenance: { release: rep % 2 ? '2026-10' : '2026-11', adapter: 'manifest', foreignId, retrievedAt: '2026-11-01T00:00:00.000Z', assertedBy: 'institution', originalMetadataSha256: sha(`m${id}`) },
      sha256: h,
      phash: h.slice(0, 16),
      width: 1600,
      height: 1200 + (i % 4) * 200,
      format: 'jpeg',
      bytes: 500_000 + i,
      files: { original: `original/${h.slice(0, 2)}/${h}.jpg`, thumb: thumb.key },
      placeholder: thumb.placeholder,
      safety: { nsfw, faces: i % 50 === 0 ? 1 : 0, faceScore: null, textPii: false },
      models: { safety: 'bench@1' },
      priceMicros: 0,
    };
    if (!out.write(`${JSON.stringify(record)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
