// End to end on real photographs: `clearance build` scores them (YuNet + nsfwjs) and publishes files without EXIF/XMP/IPTC.
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonl, removeTempDirs, runCli, tempDir } from '../support/cli.js';
import { corpusDir, hasCorpus, hasModels, skipMessage } from '../../support/shared.js';
import type { CatalogRecord } from '../../../pipeline/catalog/index.js';

/** COCO photographs that carry IPTC (bylines, captions, keywords, object names) as shipped. */
const WITH_IPTC = ['train2017/000000187334.jpg', 'train2017/000000433998.jpg', 'val2017/000000092660.jpg', 'val2017/000000199055.jpg', 'val2017/000000229997.jpg', 'val2017/000000511599.jpg'];
/** Photographs with clear faces (COCO keypoints). */
const WITH_FACES = ['train2017/000000551757.jpg', 'train2017/000000100667.jpg'];
const ready = hasCorpus && hasModels;

afterAll(removeTempDirs);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe.skipIf(!ready)(`real photographs through clearance build ${ready ? '' : skipMessage(hasCorpus ? 'models' : 'corpus')}`, () => {
  it('scores every accepted photo and publishes no embedded metadata', async () => {
    const root = await tempDir();
    const release = join(root, 'release');
    await mkdir(join(release, 'images'), { recursive: true });
    const lines: string[] = [];
    for (const [i, rel] of [...WITH_IPTC, ...WITH_FACES].entries()) {
      const src = join(corpusDir, 'coco-mini', rel);
      if (WITH_IPTC.includes(rel)) expect(await exifr.parse(await readFile(src), { iptc: true }), rel).toBeTruthy();
      await copyFile(src, join(release, 'images', `${i}.jpg`));
      // A test-only licence statement: the point is what the published files carry, not these photos' rights.
      lines.push(JSON.stringify({ id: String(i), image: `images/${i}.jpg`, title: i === 0 ? 'Mail the photographer: someone@example.com' : `Photo ${i}` }));
    }
    await writeFile(join(release, 'manifest.jsonl'), `${lines.join('\n')}\n`);
    await writeFile(join(release, 'release.json'), JSON.stringify({ name: 'real', sources: [{ name: 'coco', adapter: 'manifest', path: 'manifest.jsonl', licence: 'CC0 1.0' }] }));
    const out = join(root, 'out');
    const r = await runCli(['build', release, '--out', out, '--quiet'], { CLEARANCE_SAFETY: 'on' });
    expect(r.code, r.stderr).toBe(0);

    const records = (await readJsonl(join(out, 'catalog.jsonl'))) as CatalogRecord[];
    expect(records.length).toBe(lines.length);
    for (const rec of records) {
      expect(rec.safety.nsfw).toBeTypeOf('number');
      expect(rec.safety.faceScore).toBeTypeOf('number');
      expect(rec.models['safety.faces']).toMatch(/^yunet-s-640@/);
      expect(rec.models['safety.nsfw']).toMatch(/^nsfwjs-mobilenet_v2@4\.4\.0\+/);
    }
    const faces = records.filter((x) => Number(x.id.split(':')[1]) >= WITH_IPTC.length);
    for (const rec of faces) expect(rec.safety.faces, rec.id).toBeGreaterThanOrEqual(1);
    expect(records.filter((x) => x.safety.textPii).map((x) => x.id)).toEqual(['coco:0']);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as { stats: { safety: { histograms: { nsfw: { counts: number[] } } } } };
    expect(report.stats.safety.histograms.nsfw.counts.reduce((a, b) => a + b, 0)).toBe(records.length);

    const published = await filesUnder(join(out, 'files'));
    expect(published.length).toBeGreaterThanOrEqual(records.length * 2);
    for (const file of published) {
      const meta = await exifr.parse(await readFile(file), { tiff: true, xmp: true, iptc: true, gps: true, icc: false }).catch(() => undefined);
      expect(meta ?? {}, file).toEqual({});
    }
  }, 600_000);
});
