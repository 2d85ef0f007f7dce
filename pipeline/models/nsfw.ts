// The nudity model: nsfwjs's MobileNetV2 converted to ONNX once (cached by source hash + converter version), then run.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { sha256Hex } from '../util/hash.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { decodeWeights, type KerasModelConfig } from './keras-layers.js';
import { CONVERTER_VERSION, kerasToOnnx } from './keras-to-onnx.js';
import { encodeModel } from './onnx-proto.js';
import { readNsfwjsSource, type NsfwjsSource } from './nsfwjs-source.js';
import { modelCacheDir } from '../util/config.js';
import { NSFW } from './registry.js';
import { ort, timedRun, type RunTimer } from './session.js';
import { packPixels } from './preprocess.js';

export const NSFW_SIZE = 224;

function convertNsfwjs(src: NsfwjsSource): Uint8Array {
  const topology = src.modelJson.modelTopology;
  const config = (topology.model_config ?? topology) as KerasModelConfig;
  const specs = src.modelJson.weightsManifest.flatMap((g) => g.weights);
  const graph = kerasToOnnx(config, decodeWeights(specs, src.weightBytes), NSFW.input.name);
  return encodeModel(graph, { name: 'clearance-keras-to-onnx', version: CONVERTER_VERSION }, `nsfwjs ${NSFW.version} ${NSFW.modelDir}`);
}

export interface NsfwModelFile {
  /** Converted .onnx in the cache (or undefined when the cache could not be written). */
  path?: string;
  bytes: Uint8Array;
  /** Name for records' `models`: nsfwjs-mobilenet_v2@<package version>+<source sha256 prefix>. */
  id: string;
  converted: boolean;
}

/** Returns the converted model, converting and caching it on first use. */
export async function loadNsfwModelFile(env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void): Promise<NsfwModelFile> {
  const src = readNsfwjsSource();
  const key = sha256Hex(`${src.sha256}\0${CONVERTER_VERSION}`).slice(0, 16);
  const id = `${NSFW.name}@${NSFW.version}+${src.sha256.slice(0, 12)}`;
  const path = join(modelCacheDir(env), `${NSFW.name}-${NSFW.version}-${key}.onnx`);
  if (existsSync(path)) return { path, bytes: new Uint8Array(await readFile(path)), id, converted: false };
  const bytes = convertNsfwjs(src);
  try {
    await writeFileAtomic(path, bytes);
    log?.(`safety: converted nsfwjs ${NSFW.modelDir} to ONNX at ${path}`);
    return { path, bytes, id, converted: true };
  } catch (err) {
    log?.(`safety: could not cache the converted model at ${path} (${(err as Error).message}); using it from memory`);
    return { bytes, id, converted: true };
  }
}

/** Packs N 224×224 RGB images into one NHWC float tensor, /255 (nsfwjs's normalisation). */
export function nsfwInput(rgbs: Uint8Array[]): Float32Array {
  const per = NSFW_SIZE * NSFW_SIZE * 3;
  const out = new Float32Array(per * rgbs.length);
  rgbs.forEach((rgb, i) => packPixels(rgb, out, i * per, NSFW.normalise.mean, NSFW.normalise.std, false));
  return out;
}

/** Runs a batch (NHWC floats for `n` images) and returns each image's 5 class probabilities. */
export async function runNsfw(session: InferenceSession, input: Float32Array, n: number, timer?: RunTimer): Promise<Float32Array[]> {
  const tensor = new ort.Tensor('float32', input, [n, NSFW_SIZE, NSFW_SIZE, 3]);
  const out = await timedRun(session, { [NSFW.input.name]: tensor }, timer);
  const probs = out[session.outputNames[0]!]!.data as Float32Array;
  const k = NSFW.labels.length;
  return Array.from({ length: n }, (_, i) => probs.slice(i * k, (i + 1) * k));
}
