// The inference thread through its client: real sessions off the main thread, bad inputs rejected per request, a bad model refused at start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InferenceThread } from '../../../pipeline/safety/inference-client.js';
import { loadNsfwModelFile } from '../../../pipeline/models/nsfw.js';
import { rgbFitted, rgbResizedFrom } from '../../../pipeline/models/preprocess.js';
import { yunetAnySize } from '../../../pipeline/models/yunet-any-size.js';
import { corpusDir, hasCorpus, hasModels, modelsDir, skipMessage } from '../../support/shared.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const withData = hasCorpus && hasModels;
const cache = mkdtempSync(join(tmpdir(), 'clearance-inference-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe.skipIf(!withData)(`inference thread ${withData ? '' : skipMessage(hasModels ? 'corpus' : 'models')}`, () => {
  it('scores nudity in a batch and faces, keeps serving after a bad request, and fails requests once closed', async () => {
    const nsfw = await loadNsfwModelFile({ ...process.env, CLEARANCE_MODEL_CACHE: cache });
    const faces = yunetAnySize(readFileSync(join(modelsDir, 'yunet_s_640_640.onnx')));
    const thread = await InferenceThread.start({ nsfw: nsfw.bytes, faces, kind: 'yunet', intraOpThreads: 1 });
    const photo = await rgbFitted(readFileSync(join(corpusDir, 'coco-mini/train2017/000000551757.jpg')), 640, 1);
    const pear = await rgbFitted(readFileSync(join(corpusDir, 'pomological/images/image-10.jpg')), 640, 1);

    const [n, f, g] = await Promise.all([
      thread.nsfw([await rgbResizedFrom(photo, 224, 224), await rgbResizedFrom(pear, 224, 224)]),
      thread.faces(photo),
      thread.faces(pear),
    ]);
    expect(n.probs).toHaveLength(2);
    for (const p of n.probs) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(f.faces).toBeGreaterThanOrEqual(1);
    expect(g.faces).toBe(0);
    expect(n.ms).toBeGreaterThan(0);

    await expect(thread.nsfw([new Uint8Array(10)])).rejects.toThrow(/224×224/);
    await expect(thread.faces({ rgb: new Uint8Array(5), width: 4, height: 4, scale: 1 })).rejects.toThrow(/size/);
    expect((await thread.faces(photo)).faces).toBe(f.faces);

    // A request in flight when the thread stops is answered with an error, not left waiting.
    const inFlight = expect(thread.nsfw([await rgbResizedFrom(photo, 224, 224)])).rejects.toThrow(/closed/);
    await thread.close();
    await inFlight;
    await expect(thread.faces(photo)).rejects.toThrow(/closed/);
  });

  it('refuses to start with a model onnxruntime cannot open, with its error', async () => {
    const faces = yunetAnySize(readFileSync(join(modelsDir, 'yunet_s_640_640.onnx')));
    await expect(InferenceThread.start({ nsfw: new Uint8Array([1, 2, 3]), faces, kind: 'yunet', intraOpThreads: 1 })).rejects.toThrow(/.+/);
  });
});
