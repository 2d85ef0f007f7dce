// Personal data in text visible in the image: a cheap text-presence check, then OCR, then the text-PII rules (cached by sha256; the text itself is never kept).
import type { Cache } from '../store/cache.js';
import { Ocr, OCR_ID } from './ocr.js';
import type { Decoded } from '../models/preprocess.js';
import { textPresence, textPresenceFrom } from './text-presence.js';
import { findPii, TEXT_PII_VERSION, type PiiKind } from './text-pii.js';

export interface PixelTextResult {
  /** `read`: OCR ran; `no-text`: the presence check found no text lines, OCR skipped. */
  pixelText: 'read' | 'no-text';
  /** Kinds of personal data found in the recognised text (no text is stored). */
  pii: PiiKind[];
}

// 2: the presence check reads the item page's preview pixels (≤ 1024 px), decoded once for it and the models.
const VERSION = '2';

export class PixelText {
  readonly id = `${OCR_ID}+text-pii@${TEXT_PII_VERSION}`;
  private ocr = new Ocr();
  readonly counts = { checked: 0, cached: 0, withText: 0, read: 0, withPii: 0, presenceMs: 0, ocrMs: 0 };

  /** `pixels`: the image already decoded (any size ≥ the check's 640 px width, or whole), else `data` is decoded. */
  async check(data: Buffer, sha256: string, cache: Cache, pixels?: () => Promise<Decoded>): Promise<PixelTextResult> {
    const key = `${sha256}\0${this.id}`;
    const cached = await cache.get<PixelTextResult>('pixel-text', VERSION, key);
    if (cached) {
      this.counts.cached++;
      return cached;
    }
    this.counts.checked++;
    let t = performance.now();
    const presence = pixels ? await textPresenceFrom(await pixels()) : await textPresence(data);
    this.counts.presenceMs += performance.now() - t;
    let result: PixelTextResult = { pixelText: 'no-text', pii: [] };
    if (presence.text) {
      this.counts.withText++;
      t = performance.now();
      const text = await this.ocr.read(data);
      this.counts.ocrMs += performance.now() - t;
      this.counts.read++;
      result = { pixelText: 'read', pii: [...new Set(findPii(text).map((m) => m.kind))].sort() };
      if (result.pii.length) this.counts.withPii++;
    }
    await cache.put('pixel-text', VERSION, key, result);
    return result;
  }

  release(): Promise<void> {
    return this.ocr.release();
  }
}
