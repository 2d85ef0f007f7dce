// The item-page preview the derivatives stage makes: WebP, ≤ 1024 px, orientation applied, no metadata, named after the thumbnail.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyBuiltSample } from '../support/built-sample.js';
import { readJsonl, removeTempDirs, tempDir } from '../support/cli.js';

interface Rec { id: string; width: number; height: number; files: { thumb: string; preview?: string } }
let out: string;
let records: Rec[];

beforeAll(async () => {
  const root = await tempDir('clearance-preview-');
  out = join(root, 'out');
  // `clearance sample --count 40` built with `clearance build --quiet` (made once, shared with export.test.ts)
  await copyBuiltSample(root, 40);
  records = await readJsonl<Rec>(join(out, 'catalog.jsonl'));
}, 120_000);
afterAll(removeTempDirs);

it('gives every accepted item a WebP preview of at most 1024 px with the displayed orientation and no metadata', async () => {
  expect(records.length).toBeGreaterThan(10);
  for (const r of records) {
    expect(r.files.preview, r.id).toBe(r.files.thumb.replace(/^thumb\/(..)\/([0-9a-f]{64})\.webp$/, 'preview/$1/$2.webp'));
    const body = await readFile(join(out, 'files', r.files.preview!));
    const meta = await sharp(body).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(1024);
    // Same aspect as the record (which gives the displayed, auto-oriented size).
    expect(Math.abs(meta.width / meta.height - r.width / r.height), r.id).toBeLessThan(0.02);
    expect(meta.exif ?? meta.xmp ?? meta.icc ?? meta.iptc, r.id).toBeUndefined();
  }
  const large = records.find((r) => r.id === 'sample:img-large-jpeg-3000')!;
  expect((await sharp(join(out, 'files', large.files.preview!)).metadata()).width).toBe(1024);
  const gps = records.find((r) => r.id === 'sample:img-exif-gps-jpeg')!;
  const tags = Object.keys((JSON.parse(execFileSync('exiftool', ['-j', '-a', '-G1', join(out, 'files', gps.files.preview!)], { encoding: 'utf8' })) as object[])[0]!);
  // Only what ExifTool says about the file itself and its RIFF/WebP container: no EXIF, XMP, ICC or GPS group.
  expect(tags.filter((t) => !/^(SourceFile$|(ExifTool|System|File|RIFF|Composite):)/.test(t))).toEqual([]);
  expect(tags.some((t) => t.startsWith('RIFF:'))).toBe(true);
});
