// Personal data in the pixels: text-presence check, OCR (tesseract.js, offline) and the text-PII rules on rendered text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Cache } from '../../../pipeline/store/cache.js';
import { FileStore } from '../../../pipeline/store/file-store.js';
import { pictureSvg } from '../../../pipeline/sample/draw.js';
import { PixelText } from '../../../pipeline/safety/pixel-text.js';
import { textPresence } from '../../../pipeline/safety/text-presence.js';
import { textImage } from '../../../pipeline/safety/text-render.js';
import type { StageContext } from '../../../pipeline/work/stage.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { textWords } from '../../../site/src/render/text-words.js';
import { safetyStage } from '../../../pipeline/stages/safety.js';
import type { WorkItem } from '../../../pipeline/work/stage.js';
import { corpusDir, hasCorpus, hasModels, modelsDir } from '../../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'clearance-pixel-text-'));
const pixelText = new PixelText();
afterAll(async () => {
  await pixelText.release();
  rmSync(dir, { recursive: true, force: true });
});
const ctx = { cache: new Cache(join(dir, 'cache')), files: new FileStore(join(dir, 'store'), join(dir, 'out')), log: () => {} } as unknown as StageContext;

describe('text in the pixels', () => {
  it('reads personal data from a rendered letter, and nothing from a picture without text', async () => {
    const letter = await textImage(['Dear Mr Alder,', 'Please write to j.alder@example.net', 'or call 020 7946 0958.', 'Yours, 14 Elm Road']);
    const plain = await sharp(Buffer.from(pictureSvg(41_001, 800, 600))).jpeg().toBuffer();
    const noPii = await textImage(['Pyrus communis', 'Winter Nelis pear, 1905']);
    expect(await pixelText.check(letter, sha256Hex(letter), ctx.cache)).toEqual({ pixelText: 'read', pii: ['address', 'email', 'phone'] });
    expect(await pixelText.check(plain, sha256Hex(plain), ctx.cache)).toEqual({ pixelText: 'no-text', pii: [] });
    expect(await pixelText.check(noPii, sha256Hex(noPii), ctx.cache)).toEqual({ pixelText: 'read', pii: [] });
    // Cached by sha256: a second look costs no OCR.
    const read = pixelText.counts.read;
    expect(await pixelText.check(letter, sha256Hex(letter), ctx.cache)).toEqual({ pixelText: 'read', pii: ['address', 'email', 'phone'] });
    expect(pixelText.counts.read).toBe(read);
    expect(JSON.stringify(await ctx.cache.get('pixel-text', '2', `${sha256Hex(letter)}\0${pixelText.id}`))).not.toContain('alder');
  });

  it('sees light text on a dark ground as well as dark on light', async () => {
    const lines = ['Exit via the north stairs', 'Platform 4 for all trains', 'No entry after 10 pm'];
    expect((await textPresence(await textImage(lines))).text).toBe(true);
    expect((await textPresence(await textImage(lines, { background: '#151a22', ink: '#f0f0f0' }))).text).toBe(true);
  });

  it.skipIf(!hasCorpus)('finds no text lines in most pomological watercolours', async () => {
    const pomo = join(corpusDir, 'pomological/images');
    const found = [];
    for (let i = 1; i <= 10; i++) found.push((await textPresence(readFileSync(join(pomo, `image-${i}.jpg`)))).text);
    expect(found.filter(Boolean).length).toBeLessThanOrEqual(5);
  });

  it('words the item page after what was read', () => {
    expect(textWords({ textPii: true, textPiiSource: 'pixels', pixelText: 'read' })).toBe('May contain personal data in text visible in the image (read by OCR).');
    expect(textWords({ textPii: true, textPiiSource: 'metadata', pixelText: 'off' })).toBe('May contain personal data in its title, description or tags.');
    expect(textWords({ textPii: false, pixelText: 'read' })).toContain('the text read from the image');
    expect(textWords({ textPii: false, pixelText: 'no-text' })).toContain('no text was detected in the image');
    expect(textWords({ textPii: false })).toContain('text in the image was not read');
  });
});

function workItem(id: string, data: Buffer, title: string): WorkItem {
  return {
    index: 0, id: `s:${id}`, source: { name: 's', adapter: 'manifest', path: 'm.jsonl' },
    item: { id: `s:${id}`, foreignId: id, image: `${id}.jpg`, title, tags: [], metadataSha256: '0'.repeat(64) },
    reasons: [], models: {},
    image: { sha256: sha256Hex(data), bytes: data.length, width: 1, height: 1, format: 'jpeg', phash: '0'.repeat(16), data },
  };
}

describe.skipIf(!hasModels)('the safety stage records where personal data was found', () => {
  it('pixels, metadata, or not read when CLEARANCE_OCR=off', async () => {
    const letter = await textImage(['Send the proofs to', 'k.brennan@example.org', 'before Friday.']);
    const run = async (env: Record<string, string>, w: WorkItem) => {
      const c = { ...ctx, releaseDir: dir, outDir: join(dir, 'out'), now: new Date(0).toISOString(), concurrency: 1 } as StageContext;
      const stage = safetyStage({ env: { ...process.env, CLEARANCE_MODELS: modelsDir, CLEARANCE_MODEL_CACHE: join(dir, 'mc'), ...env } });
      await stage.setup!(c);
      await stage.process(w, c);
      await stage.teardown?.(c);
      return w;
    };
    const inPixels = await run({}, workItem('letter', letter, 'A letter'));
    expect(inPixels.safety).toMatchObject({ textPii: true, textPiiSource: 'pixels', pixelText: 'read' });
    expect(inPixels.models['safety.ocr']).toMatch(/^tesseract\.js@/);
    const inTitle = await run({}, workItem('letter2', letter, 'Write to a@example.com'));
    expect(inTitle.safety).toMatchObject({ textPii: true, textPiiSource: 'metadata', pixelText: 'off' });
    const unread = await run({ CLEARANCE_OCR: 'off' }, workItem('letter3', letter, 'A letter'));
    expect(unread.safety).toMatchObject({ textPii: false, pixelText: 'off' });
    expect(unread.safety!.textPiiSource).toBeUndefined();
  });
});
