// OCR of text in the pixels with tesseract.js (English, LSTM), offline: language data and core from node_modules, never a CDN.
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { createWorker, OEM, type Worker } from 'tesseract.js';

/** Recorded in models["safety.ocr"]. */
export const OCR_ID = 'tesseract.js@7.0.0+eng-4.0.0';
/** Longest side given to Tesseract: enough for ~10 px text on a page scan, bounded cost. */
const OCR_MAX_SIDE = 2000;

const require = createRequire(import.meta.url);

export class Ocr {
  private worker: Promise<Worker> | undefined;

  private start(): Promise<Worker> {
    // langPath is a local directory: tesseract.js reads <langPath>/eng.traineddata.gz from disk (no fetch);
    // cacheMethod none: it writes no copy of the data into the working directory.
    const data = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
    return (this.worker ??= createWorker('eng', OEM.LSTM_ONLY, {
      langPath: data.langPath,
      gzip: data.gzip,
      cacheMethod: 'none',
      workerPath: require.resolve('tesseract.js/src/worker-script/node/index.js'),
      corePath: require.resolve('tesseract.js-core/tesseract-core-simd-lstm.js'),
      legacyCore: false,
      legacyLang: false,
    }));
  }

  /** The text Tesseract reads in the image (greyscale, longest side at most OCR_MAX_SIDE). */
  async read(data: Buffer): Promise<string> {
    const worker = await this.start();
    const png = await sharp(data, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: OCR_MAX_SIDE, height: OCR_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .greyscale()
      .png({ compressionLevel: 1 })
      .toBuffer();
    const { data: out } = await worker.recognize(png);
    return out.text;
  }

  async release(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await (await w).terminate();
  }
}
