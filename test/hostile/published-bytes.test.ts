// Published originals carry the image and nothing else, as ExifTool reads them: no EXIF/GPS, XMP, IPTC, comments, C2PA/JUMBF, MPF images or trailers.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../pipeline/runner/run-build.js';
import { readJsonl, removeTempDirs, tempDir, type DecisionLine } from '../pipeline/support/cli.js';
import { pngWithCaBX, trainingMiningManifestStore } from '../../pipeline/sample/c2pa-write.js';
import { drawImage } from '../../pipeline/sample/draw.js';
import { exiftoolRead, SECRETS, writeMetadataLaden } from './support/metadata-files.js';
import { writeRelease } from './support/release.js';

/** Groups ExifTool may show for a bare image: the file system, the container's own header fields, computed values, colour profiles. */
const ALLOWED_GROUP = /^(SourceFile|ExifTool|System|File|Composite|PNG|RIFF|ICC_Profile|ICC-header|ICC-view|ICC-meas|JFIF)(:|$)/;

let release: string;
let out: string;
const inputs: Record<string, string> = {};

beforeAll(async () => {
  vi.stubEnv('CLEARANCE_SAFETY', 'off');
  release = join(await tempDir(), 'release');
  const names = await writeMetadataLaden(join(release), 910);
  Object.assign(inputs, names);
  // Two files whose own metadata opts out: read from the fetched bytes, before anything is stripped.
  const dmi = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"><plus:DataMining rdf:resource="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"/></rdf:Description></rdf:RDF></x:xmpmeta>`;
  await writeFile(join(release, 'dmi.jpg'), await drawImage({ format: 'jpeg', width: 320, height: 240, seed: 920, xmp: dmi }));
  await writeFile(join(release, 'c2pa.png'), pngWithCaBX(await drawImage({ format: 'png', width: 320, height: 240, seed: 921 }), trainingMiningManifestStore({ 'c2pa.ai_training': 'notAllowed' })));
  await writeRelease(release, [...Object.entries(names).map(([format, file]) => ({ id: format, image: file })), { id: 'dmi', image: 'dmi.jpg' }, { id: 'c2pa', image: 'c2pa.png' }]);
  out = join(release, '..', 'out');
  await runBuild({ releaseDir: release, out, log: () => {} });
}, 120_000);
afterAll(async () => {
  vi.unstubAllEnvs();
  await removeTempDirs();
});

describe('hostile input: published bytes', () => {
  it('the inputs really carry what must not be published (ExifTool sees GPS, XMP, IPTC, JUMBF, MPF)', { timeout: 30_000 }, async () => {
    const jpeg = await exiftoolRead(join(release, inputs.jpeg!));
    expect(Object.keys(jpeg)).toEqual(expect.arrayContaining(['GPS:GPSLatitude', 'XMP-dc:Description', 'IPTC:Caption-Abstract', 'File:Comment', 'JUMBF:JUMDLabel', 'JSON:ExifGPSLatitude', 'MPF0:NumberOfImages', 'MPImage2:PreviewImage']));
    const png = await exiftoolRead(join(release, inputs.png!));
    expect(Object.keys(png)).toEqual(expect.arrayContaining(['GPS:GPSLatitude', 'XMP-dc:Description', 'JSON:ExifGPSLatitude', 'PNG-pHYs:PixelUnits']));
    const webp = await exiftoolRead(join(release, inputs.webp!));
    expect(Object.keys(webp)).toEqual(expect.arrayContaining(['GPS:GPSLatitude', 'XMP-dc:Description']));
  });

  it('every published original: only image groups in ExifTool -j -a -G1 -ee, none of the planted strings, same pixels, nothing after the end', { timeout: 30_000 }, async () => {
    const decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
    expect(decisions.map((d) => d.status)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'rejected']);
    const records = await readJsonl<{ id: string; files: { original: string } }>(join(out, 'catalog.jsonl'));
    expect(records).toHaveLength(3);
    for (const r of records) {
      const file = join(out, 'files', r.files.original);
      const tags = await exiftoolRead(file);
      expect(Object.keys(tags).filter((k) => !ALLOWED_GROUP.test(k)), r.id).toEqual([]);
      expect(JSON.stringify(tags)).not.toMatch(/GPS|Warning/);
      const bytes = await readFile(file);
      for (const s of SECRETS) expect(bytes.includes(s), `${r.id}: ${s}`).toBe(false);
      const source = await readFile(join(release, inputs[r.id.slice(2)]!));
      expect((await sharp(bytes).raw().toBuffer()).equals(await sharp(source).raw().toBuffer()), `${r.id} pixels`).toBe(true);
      if (r.id === 'm:jpeg') {
        expect(bytes.subarray(-2).toString('hex')).toBe('ffd9');
        expect(bytes.indexOf(Buffer.from([0xff, 0xd9]))).toBe(bytes.length - 2); // one image, ending at its EOI
      }
      if (r.id === 'm:png') expect(bytes.subarray(-8, -4).toString('latin1')).toBe('IEND');
      if (r.id === 'm:webp') expect(bytes.readUInt32LE(4) + 8).toBe(bytes.length);
    }
  });

  it('content signals are read from the bytes as fetched, before stripping: XMP plus:DataMining and a C2PA training-mining opt-out', { timeout: 30_000 }, async () => {
    const decisions = await readJsonl<DecisionLine>(join(out, 'decisions.jsonl'));
    expect(decisions.slice(3).map((d) => [d.id, d.reasons[0]!.code, d.reasons[0]!.detail])).toEqual([
      ['m:dmi', 'optout.embedded', 'XMP plus:DataMining DMI-PROHIBITED-AIMLTRAINING'],
      ['m:c2pa', 'optout.embedded', expect.stringMatching(/C2PA c2pa\.training-mining: c2pa\.ai_training=notAllowed/)],
    ]);
  });
});
