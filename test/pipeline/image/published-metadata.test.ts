// Published originals and thumbnails carry no EXIF/XMP/IPTC/GPS, and byte-wise stripping leaves the pixels unchanged.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawImage } from '../../../pipeline/sample/draw.js';
import { readJsonl, runCli, tempDir, removeTempDirs } from '../support/cli.js';

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>Shot at home, 12 Example Street</dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
const FORMATS = ['jpeg', 'png', 'webp'] as const;

let release: string;
let out: string;
const sources: Record<string, Buffer> = {};

beforeAll(async () => {
  const root = await tempDir();
  release = join(root, 'release');
  out = join(root, 'out');
  await mkdir(join(release, 'images'), { recursive: true });
  const lines: string[] = [];
  for (const [i, format] of FORMATS.entries()) {
    const bytes = await drawImage({ format, width: 400, height: 300, seed: 500 + i, exifGps: true, xmp: XMP });
    sources[format] = bytes;
    await writeFile(join(release, 'images', `gps.${format}`), bytes);
    lines.push(JSON.stringify({ id: format, image: `images/gps.${format}`, licence: 'https://creativecommons.org/publicdomain/zero/1.0/' }));
  }
  const rotated = await sharp(await drawImage({ format: 'jpeg', width: 300, height: 200, seed: 510 })).withMetadata({ orientation: 6 }).jpeg().toBuffer();
  sources.rotated = rotated;
  await writeFile(join(release, 'images', 'rotated.jpg'), rotated);
  lines.push(JSON.stringify({ id: 'rotated', image: 'images/rotated.jpg', licence: 'https://creativecommons.org/publicdomain/zero/1.0/' }));
  await writeFile(join(release, 'm.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'gps', sources: [{ name: 'g', adapter: 'manifest', path: 'm.jsonl' }] }));
  const r = await runCli(['build', release, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
});

afterAll(removeTempDirs);

describe('metadata in published files', () => {
  it('the test inputs really carry EXIF GPS and XMP', async () => {
    for (const format of FORMATS) {
      const m = await sharp(sources[format]).metadata();
      expect(m.exif, format).toBeDefined();
      expect(m.xmp, format).toBeDefined();
    }
    expect(await exifr.gps(sources.jpeg!)).toMatchObject({ latitude: expect.closeTo(48.858, 2) });
  });

  it('published originals and thumbnails have no EXIF, XMP, IPTC or GPS, and originals keep their exact pixels', async () => {
    const records = await readJsonl<{ id: string; format: string; files: Record<string, string> }>(join(out, 'catalog.jsonl'));
    expect(records.map((r) => r.id)).toEqual([...FORMATS.map((f) => `g:${f}`), 'g:rotated']);
    for (const r of records.filter((x) => x.id !== 'g:rotated')) {
      const format = r.format as (typeof FORMATS)[number];
      for (const key of Object.values(r.files)) {
        const data = await readFile(join(out, 'files', key));
        const m = await sharp(data).metadata();
        expect([m.exif, m.xmp, m.iptc], key).toEqual([undefined, undefined, undefined]);
        expect(await exifr.gps(data).catch(() => undefined), key).toBeUndefined();
        const text = data.toString('latin1');
        for (const marker of ['Exif\0\0', 'GPS', 'x:xmpmeta', 'Example Street', 'Sample Photographer']) expect(text.includes(marker), `${key} ${marker}`).toBe(false);
      }
      const original = await readFile(join(out, 'files', r.files.original!));
      expect((await sharp(original).metadata()).format).toBe(format);
      const before = await sharp(sources[format]).raw().toBuffer();
      const after = await sharp(original).raw().toBuffer();
      expect(after.equals(before), `${format} pixels unchanged`).toBe(true);
    }
  });

  it('bakes a non-default EXIF orientation into the pixels of a lossless PNG, since the EXIF that held it is gone', async () => {
    const records = await readJsonl<{ id: string; width: number; height: number; files: Record<string, string> }>(join(out, 'catalog.jsonl'));
    const r = records.find((x) => x.id === 'g:rotated')!;
    expect([r.width, r.height]).toEqual([200, 300]);
    expect(r.files.original).toMatch(/\.png$/);
    const data = await readFile(join(out, 'files', r.files.original!));
    const m = await sharp(data).metadata();
    expect([m.format, m.width, m.height, m.orientation, m.exif]).toEqual(['png', 200, 300, undefined, undefined]);
    const expected = await sharp(sources.rotated).autoOrient().raw().toBuffer();
    expect((await sharp(data).raw().toBuffer()).equals(expected)).toBe(true);
  });
});
