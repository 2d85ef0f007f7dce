// The safety stage through the Stage interface: real models on real images, score caching, off mode, missing models.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { safetyStage } from '../../../pipeline/stages/safety.js';
import { handoff } from '../../../pipeline/stages/handoff.js';
import { encodeLargePreview, makeLargePreview } from '../../../pipeline/image/large-preview.js';
import type { StageContext, WorkItem } from '../../../pipeline/work/stage.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { CliError } from '../../../pipeline/util/cli-error.js';
import { corpusDir, hasCorpus, hasModels, modelsDir, skipMessage } from '../../support/shared.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = (prefix: string) => (made.push(mkdtempSync(join(tmpdir(), prefix))), made.at(-1)!);

function context(): StageContext {
  const dir = temp('clearance-safety-');
  return {
    releaseDir: dir,
    release: { name: 'test', sources: [{ name: 's', adapter: 'manifest', path: 'm.jsonl' }] },
    outDir: join(dir, 'out'),
    cache: new Cache(join(dir, 'cache')),
    files: new FileStore(join(dir, 'store'), join(dir, 'out', 'files')),
    concurrency: 2,
    now: new Date(0).toISOString(),
    log: () => {},
  };
}

function workItem(id: string, data: Buffer, title = 'An image'): WorkItem {
  return {
    index: 0, id: `s:${id}`, source: { name: 's', adapter: 'manifest', path: 'm.jsonl' },
    item: { id: `s:${id}`, foreignId: id, image: `${id}.jpg`, title, tags: ['fruit'], metadataSha256: '0'.repeat(64) },
    reasons: [], models: {},
    image: { sha256: sha256Hex(data), bytes: data.length, width: 1, height: 1, format: 'jpeg', phash: '0'.repeat(16), data },
  };
}

const env = () => ({ ...process.env, CLEARANCE_MODELS: modelsDir, CLEARANCE_MODEL_CACHE: temp('clearance-mc-') });
const withData = hasCorpus && hasModels;

describe.skipIf(!withData)(`safety stage with models ${withData ? '' : skipMessage(hasModels ? 'corpus' : 'models')}`, () => {
  const face = readFileSync(join(corpusDir, 'coco-mini/train2017/000000551757.jpg'));
  const pear = readFileSync(join(corpusDir, 'pomological/images/image-10.jpg'));

  it('scores faces and nudity, names the models, and reuses cached scores', async () => {
    const ctx = context();
    const e = env();
    const stage = safetyStage({ env: e });
    await stage.setup!(ctx);
    const a = workItem('face', face, 'Contact me at someone@example.com');
    const b = workItem('pear', pear);
    handoff.set(a, { originalKey: 'original/face' });
    await Promise.all([stage.process(a, ctx), stage.process(b, ctx)]);
    expect(a.safety!.faces).toBeGreaterThanOrEqual(1);
    expect(a.safety!.faceScore).toBeGreaterThan(0.6);
    expect(a.safety!.textPii).toBe(true);
    expect(b.safety!.faces).toBe(0);
    expect(b.safety!.faceScore).toBeLessThan(0.6);
    expect(b.safety!.nsfw).toBeLessThan(0.5);
    expect(b.safety!.textPii).toBe(false);
    for (const s of [a.safety!, b.safety!]) expect(s.nsfw).toBeGreaterThanOrEqual(0);
    expect(a.models['safety.faces']).toBe('yunet-s-640@8f2383e4dd3c');
    expect(a.models['safety.nsfw']).toMatch(/^nsfwjs-mobilenet_v2@4\.4\.0\+[0-9a-f]{12}\+int8\.\d+$/);
    const stats = stage.stats!() as { histograms: { nsfw: { counts: number[] } }; counts: { scored: number; cached: number } };
    expect(stats.histograms.nsfw.counts.reduce((x, y) => x + y, 0)).toBe(2);
    expect(stats.counts.scored).toBe(2);
    // The pixels it decoded are handed to derivatives, which encode them into the very preview a decode of the original gives.
    const large = handoff.get(a)!.large!;
    expect(Math.max(large.width, large.height)).toBe(640);
    expect((await encodeLargePreview(large)).equals(await makeLargePreview(face))).toBe(true);

    const again = safetyStage({ env: e });
    await again.setup!(ctx);
    const a2 = workItem('face', face, 'Contact me at someone@example.com');
    await again.process(a2, ctx);
    expect(a2.safety).toEqual(a.safety);
    expect((again.stats!() as { counts: { cached: number } }).counts.cached).toBe(1);
  });
});

describe.skipIf(!withData)('safety stage when its inference thread is gone', () => {
  it('records the image as unscored and goes on (no crash, no wait)', async () => {
    const ctx = context();
    const lines: string[] = [];
    ctx.log = (l) => lines.push(l);
    const stage = safetyStage({ env: { ...env(), CLEARANCE_OCR: 'off' } });
    await stage.setup!(ctx);
    await stage.teardown!(ctx); // stops the inference thread
    const item = workItem('pear', readFileSync(join(corpusDir, 'pomological/images/image-11.jpg')));
    await stage.process(item, ctx);
    expect(item.safety).toMatchObject({ nsfw: null, faces: null, faceScore: null });
    expect(item.models.safety).toBe('unscored');
    expect(lines.some((l) => /could not score the image/.test(l))).toBe(true);
  });
});

describe('safety stage without models', () => {
  it('CLEARANCE_SAFETY=off gives null scores, says so in models, and still checks text', async () => {
    const ctx = context();
    const stage = safetyStage({ env: { CLEARANCE_SAFETY: 'off', CLEARANCE_MODELS: '/nonexistent' } });
    await stage.setup!(ctx);
    const item = workItem('x', Buffer.from('not an image'), 'Call 555-123-4567');
    await stage.process(item, ctx);
    expect(item.safety).toEqual({ nsfw: null, faces: null, faceScore: null, textPii: true, textPiiSource: 'metadata', pixelText: 'off' });
    expect(item.models.safety).toBe('off');
  });

  it('a malformed setting fails setup with one line instead of hanging', async () => {
    const env = { CLEARANCE_NSFW_BATCH: 'four', CLEARANCE_MODELS: '/nonexistent', CLEARANCE_MODEL_MIRROR: 'http://127.0.0.1:9' };
    const err = await safetyStage({ env }).setup!(context()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe('safety: CLEARANCE_NSFW_BATCH must be a whole number >= 1, got "four"');
  });

  it('a missing face model fails setup with one line naming the file, the URL and the variable', async () => {
    const ctx = context();
    const dir = temp('clearance-empty-');
    const stage = safetyStage({
      env: { CLEARANCE_MODELS: join(dir, 'models'), CLEARANCE_MODEL_CACHE: join(dir, 'cache'), CLEARANCE_MODEL_MIRROR: 'http://127.0.0.1:9' },
    });
    const err = await stage.setup!(ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toMatch(/yunet_s_640_640\.onnx/);
    expect(msg).toContain('http://127.0.0.1:9/yunet_s_640_640.onnx');
    expect(msg).toMatch(/CLEARANCE_MODELS/);
    expect(msg).toMatch(/CLEARANCE_SAFETY=off/);
  });
});
