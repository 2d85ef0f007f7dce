// Reads nsfwjs's bundled MobileNetV2 (model.min.js + weight shards, UMD wrappers around JSON and base64) from node_modules.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LayersModelJson } from './keras-layers.js';
import { NSFW } from './registry.js';

const require = createRequire(import.meta.url);

export interface NsfwjsSource {
  modelJson: LayersModelJson;
  /** All weight shards concatenated in manifest order. */
  weightBytes: Uint8Array;
  /** SHA-256 of the model and shard files as installed. */
  sha256: string;
  dir: string;
}

function nsfwjsModelDir(): string {
  // The package's "exports" hide dist/models; find it beside the resolved entry point (dist/cjs/index.js).
  return join(dirname(require.resolve('nsfwjs')), '..', 'models', NSFW.modelDir);
}

export function readNsfwjsSource(): NsfwjsSource {
  const dir = nsfwjsModelDir();
  const hash = createHash('sha256');
  const modelFile = join(dir, 'model.min.js');
  hash.update(readFileSync(modelFile));
  const modelJson = require(modelFile) as LayersModelJson;
  const parts: Buffer[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) {
      const file = join(dir, `${path}.min.js`);
      hash.update(readFileSync(file));
      const base64 = require(file) as unknown;
      if (typeof base64 !== 'string') throw new Error(`nsfwjs weight bundle ${file} is not a base64 string`);
      parts.push(Buffer.from(base64, 'base64'));
    }
  }
  return { modelJson, weightBytes: new Uint8Array(Buffer.concat(parts)), sha256: hash.digest('hex'), dir };
}
