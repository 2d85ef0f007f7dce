// AI-generation markers on files written by real tools: ExifTool (XMP Iptc4xmpExt:DigitalSourceType, CreatorTool) and the
// C2PA SDK (@contentauth/c2pa-wasm, signed with a test chain made here), through the image and content-signals stages.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Licence, Release } from '../../../pipeline/catalog/index.js';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { aiGeneratedType } from '../../../pipeline/content/digital-source-type.js';
import { contentSignalsStage } from '../../../pipeline/stages/content-signals.js';
import { imageStage } from '../../../pipeline/stages/image.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { makeTestSigner, sdkValidationFailures, signWithSdk, type TestSigner } from '../../support/c2pa-sdk.js';

const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/';
const CC0: Licence = { id: 'cc0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/', evidence: [{ kind: 'source-record', statement: 'CC0', normalised: 'cc0-1.0' }] };
const release: Release = { name: 't', sources: [{ name: 's', adapter: 'manifest', path: 'x' }] };

let dir: string;
let signer: TestSigner;

const draw = (seed: number, fmt: 'png' | 'jpeg') =>
  sharp({ create: { width: 96, height: 64, channels: 3, background: { r: (seed * 37) % 256, g: (seed * 91) % 256, b: (seed * 13) % 256 } } }).toFormat(fmt).toBuffer();

/** Writes drawn images, then lets ExifTool add each one's `tags` (`-TAG=value` arguments) in place, in one run. */
async function exiftool(cases: Record<string, string[]>): Promise<void> {
  const args: string[] = [];
  let seed = 1;
  for (const [name, tags] of Object.entries(cases)) {
    const file = join(dir, 'images', name);
    await writeFile(file, await draw(seed++, name.endsWith('.png') ? 'png' : 'jpeg'));
    args.push('-q', '-overwrite_original', ...tags, file, '-execute');
  }
  execFileSync('exiftool', args.slice(0, -1));
}

async function c2pa(name: string, seed: number, actions: Record<string, unknown>[]): Promise<Buffer> {
  const fmt = name.endsWith('.png') ? 'image/png' : 'image/jpeg';
  const kind = fmt === 'image/png' ? 'png' : 'jpeg';
  const opened = actions.some((a) => a.action === 'c2pa.opened');
  const signed = await signWithSdk(await draw(seed, kind), fmt, [{ label: 'c2pa.actions.v2', data: { actions } }], signer, opened ? await draw(seed + 100, kind) : undefined);
  await writeFile(join(dir, 'images', name), signed);
  return signed;
}

function ctx(): StageContext {
  return { releaseDir: dir, release, outDir: join(dir, 'out'), cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'cache/files'), join(dir, 'out/files')), concurrency: 1, now: '2026-12-01T00:00:00Z', log: () => {} };
}

/** Image stage then content-signals stage on each file: its reasons as `code: detail`. */
async function decide(names: string[]): Promise<Record<string, string[]>> {
  const c = ctx();
  const img = imageStage();
  const signals = contentSignalsStage();
  await img.setup?.(c);
  await signals.setup?.(c);
  const out: Record<string, string[]> = {};
  for (const name of names) {
    const w: WorkItem = { index: 0, id: `s:${name}`, source: release.sources[0]!, item: { id: `s:${name}`, foreignId: name, image: `images/${name}`, tags: [], metadataSha256: '0'.repeat(64) }, reasons: [], models: {}, rights: { licence: CC0, priceMicros: 0, assertedBy: 'institution' } };
    await img.process(w, c);
    expect(w.image, `${name}: ${JSON.stringify(w.reasons)}`).toBeDefined();
    await signals.process(w, c);
    out[name] = w.reasons.map((r) => `${r.code}: ${r.detail}`);
  }
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearance-ai-generated-'));
  await mkdir(join(dir, 'images'));
  signer = makeTestSigner();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('IPTC digital source type vocabulary', () => {
  it('knows the generated types in IRI, QCode and bare forms, and nothing else', () => {
    expect(aiGeneratedType(`${DST}trainedAlgorithmicMedia`)).toBe('trainedAlgorithmicMedia');
    expect(aiGeneratedType('digsrctype:compositeSynthetic')).toBe('compositeSynthetic');
    expect(aiGeneratedType(' algorithmicmedia ')).toBe('algorithmicMedia');
    expect(aiGeneratedType(`https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia/`)).toBe('compositeWithTrainedAlgorithmicMedia');
    for (const other of [`${DST}digitalCapture`, `${DST}algorithmicallyEnhanced`, 'https://example.org/trainedAlgorithmicMedia', 'not trainedAlgorithmicMedia', ''])
      expect(aiGeneratedType(other), other).toBeUndefined();
  });
});

describe('ExifTool-written XMP', () => {
  it('rejects every generated DigitalSourceType, holds a generator CreatorTool, accepts the rest', async () => {
    const cases: Record<string, string[]> = {
      'trained.jpg': [`-XMP-iptcExt:DigitalSourceType=${DST}trainedAlgorithmicMedia`],
      'composite-synthetic.jpg': [`-XMP-iptcExt:DigitalSourceType=${DST}compositeSynthetic`],
      'algorithmic.jpg': [`-XMP-iptcExt:DigitalSourceType=${DST}algorithmicMedia`],
      'composite-trained.png': [`-XMP-iptcExt:DigitalSourceType=${DST}compositeWithTrainedAlgorithmicMedia`],
      'short-form.jpg': ['-XMP-iptcExt:DigitalSourceType=trainedAlgorithmicMedia'],
      'capture.jpg': [`-XMP-iptcExt:DigitalSourceType=${DST}digitalCapture`],
      'absent.jpg': ['-XMP-dc:Title=A plain photograph'],
      'midjourney.jpg': ['-XMP-xmp:CreatorTool=Midjourney v6'],
      'software.png': ['-XMP-tiff:Software=Stable Diffusion XL'],
      'photoshop.jpg': ['-XMP-xmp:CreatorTool=Adobe Photoshop 25.0 (Windows)'],
    };
    await exiftool(cases);
    expect(await decide(Object.keys(cases))).toEqual({
      'trained.jpg': ['content.ai-generated: XMP Iptc4xmpExt:DigitalSourceType trainedAlgorithmicMedia'],
      'composite-synthetic.jpg': ['content.ai-generated: XMP Iptc4xmpExt:DigitalSourceType compositeSynthetic'],
      'algorithmic.jpg': ['content.ai-generated: XMP Iptc4xmpExt:DigitalSourceType algorithmicMedia'],
      'composite-trained.png': ['content.ai-generated: XMP Iptc4xmpExt:DigitalSourceType compositeWithTrainedAlgorithmicMedia'],
      'short-form.jpg': ['content.ai-generated: XMP Iptc4xmpExt:DigitalSourceType trainedAlgorithmicMedia'],
      'capture.jpg': [],
      'absent.jpg': [],
      'midjourney.jpg': ['content.ai-generated-suspected: XMP xmp:CreatorTool "Midjourney v6" names an image generator'],
      'software.png': ['content.ai-generated-suspected: XMP tiff:Software "Stable Diffusion XL" names an image generator'],
      'photoshop.jpg': [],
    });
  });
});

describe('C2PA SDK-signed manifests', () => {
  it('rejects a generated type on c2pa.created / c2pa.opened, holds one on a later action, accepts capture', async () => {
    const files = {
      'created.png': await c2pa('created.png', 21, [{ action: 'c2pa.created', digitalSourceType: `${DST}trainedAlgorithmicMedia`, softwareAgent: { name: 'Example Generator', version: '2.1' } }]),
      'opened.jpg': await c2pa('opened.jpg', 22, [{ action: 'c2pa.opened', digitalSourceType: `${DST}compositeWithTrainedAlgorithmicMedia`, parameters: { ingredientIds: ['parent'] } }]),
      'synthetic.jpg': await c2pa('synthetic.jpg', 23, [{ action: 'c2pa.created', digitalSourceType: `${DST}compositeSynthetic` }]),
      'algorithmic.png': await c2pa('algorithmic.png', 24, [{ action: 'c2pa.created', digitalSourceType: `${DST}algorithmicMedia` }]),
      'capture.jpg': await c2pa('capture.jpg', 25, [{ action: 'c2pa.created', digitalSourceType: `${DST}digitalCapture` }]),
      'gen-fill.jpg': await c2pa('gen-fill.jpg', 26, [
        { action: 'c2pa.created', digitalSourceType: `${DST}digitalCapture` },
        { action: 'c2pa.edited', digitalSourceType: `${DST}trainedAlgorithmicMedia` },
      ]),
      'firefly-agent.png': await c2pa('firefly-agent.png', 27, [{ action: 'c2pa.created', digitalSourceType: `${DST}digitalCreation`, softwareAgent: { name: 'Adobe Firefly' } }]),
    };
    // The SDK itself finds each manifest valid and its signer trusted (with the test root as anchor).
    for (const [name, bytes] of Object.entries(files)) expect([name, await sdkValidationFailures(bytes, name.endsWith('.png') ? 'image/png' : 'image/jpeg', signer)]).toEqual([name, []]);
    expect(await decide(Object.keys(files))).toEqual({
      'created.png': ['content.ai-generated: C2PA c2pa.created digitalSourceType trainedAlgorithmicMedia by "Example Generator 2.1"'],
      'opened.jpg': ['content.ai-generated: C2PA c2pa.opened digitalSourceType compositeWithTrainedAlgorithmicMedia'],
      'synthetic.jpg': ['content.ai-generated: C2PA c2pa.created digitalSourceType compositeSynthetic'],
      'algorithmic.png': ['content.ai-generated: C2PA c2pa.created digitalSourceType algorithmicMedia'],
      'capture.jpg': [],
      'gen-fill.jpg': ['content.ai-generated-suspected: C2PA c2pa.edited digitalSourceType trainedAlgorithmicMedia'],
      'firefly-agent.png': ['content.ai-generated-suspected: C2PA softwareAgent "Adobe Firefly" names an image generator'],
    });
  });
});
