// Personal data in the pixels: text-presence check, OCR (tesseract.js, offline) and the text-PII rules on rendered text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Cache } from '../../../pipeline/build/cache.js';
import { FileStore } from '../../../pipeline/build/file-store.js';
import { pictureSvg } from '../../../pipeline/sample/draw.js';
import { PixelText } from '../../../pipeline/safety/pixel-text.js';
import { textPresence } from '../../../pipeline/safety/text-presence.js';
import { textImage } from '../../../pipeline/safety/text-render.js';
import type { StageContext } from '../../../pipeline/stages/stage.js';
import { sha256Hex } from '../../../pipeline/util/hash.js';
import { textWords } from '../../../site/src/render/text-words.js';
import { corpusDir, hasCorpus } from '../../support/shared.js';

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
    expect(await pixelText.check(letter, sha256Hex(letter), ctx)).toEqual({ pixelText: 'read', pii: ['address', 'email', 'phone'] });
    expect(await pixelText.check(plain, sha256Hex(plain), ctx)).toEqual({ pixelText: 'no-text', pii: [] });
    expect(await pixelText.check(noPii, sha256Hex(noPii), ctx)).toEqual({ pixelText: 'read', pii: [] });
    // Cached by sha256: a second look costs no OCR.
    const read = pixelText.counts.read;
    expect(await pixelText.check(letter, sha256Hex(letter), ctx)).toEqual({ pixelText: 'read', pii: ['address', 'email', 'phone'] });
    expect(pixelText.counts.read).toBe(read);
    expect(JSON.stringify(await ctx.cache.get('pixel-text', '1', `${sha256Hex(letter)}\0${pixelText.id}`))).not.toContain('alder');
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
