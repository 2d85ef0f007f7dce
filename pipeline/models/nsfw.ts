// The nudity model: nsfwjs's MobileNetV2 converted to ONNX and quantised to int8 once (cached by source hash + recipe), then run.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { sha256Hex } from '../util/hash.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { decodeWeights, type KerasModelConfig } from './keras-layers.js';
import { CONVERTER_VERSION, kerasToOnnx } from './keras-to-onnx.js';
import { ATTR, encodeModel, floatTensor, type Graph } from './onnx-proto.js';
import { foldConvs } from './fold-conv.js';
import { quantiseInt8, type Ranges } from './quantise-int8.js';
import rangesJson from './nsfw-int8-ranges.json' with { type: 'json' };
import { readNsfwjsSource, type NsfwjsSource } from './nsfwjs-source.js';
import { modelCacheDir } from '../util/config.js';
import { NSFW } from './registry.js';
import { ort, timedRun, type RunTimer } from './session.js';

export const NSFW_SIZE = 224;

/** Bump when the int8 recipe changes (folding, weight bits, which ops are quantised); part of the model id. */
export const QUANTISER_VERSION = '1';

/**
 * Convolutions left in float: the first conv and blocks 0–2 (112×112 and 56×56). Quantising them moved the nudity score
 * by 0.027 on average (max 0.43) on 159 held-out COCO photos; with them float, by 0.005 (max 0.07): see README.
 */
export const NSFW_FLOAT_LAYERS = /^(bn_Conv1|expanded_conv_|block_[12]_)/;

/** Activation ranges measured by test/bench/nsfw-calibrate.ts on corpus images, for this nsfwjs model. */
export const NSFW_RANGES = rangesJson as unknown as { source: string; images: string; ranges: Ranges };

/** `float`: the Keras model as it is; `int8`: BatchNorm and padding folded, then quantised with the committed ranges. */
export type NsfwPrecision = 'float' | 'int8';

/** nsfwjs's model as a float ONNX graph (BatchNorm and padding folded into the convolutions when `folded`). */
export function nsfwFloatGraph(src: NsfwjsSource, folded = false): Graph {
  const topology = src.modelJson.modelTopology;
  const config = (topology.model_config ?? topology) as KerasModelConfig;
  const specs = src.modelJson.weightsManifest.flatMap((g) => g.weights);
  const graph = withPixelInput(kerasToOnnx(config, decodeWeights(specs, src.weightBytes), KERAS_INPUT));
  return folded ? foldConvs(graph) : graph;
}

/** The Keras graph's own input (float, /255); the model's input is NSFW.input (uint8 pixels) feeding it. */
const KERAS_INPUT = 'input_1';

/** Pixels go in as uint8 and become floats /255 inside the graph (onnxruntime's vector loop, not a JS one). */
function withPixelInput(g: Graph): Graph {
  const keras = g.input.find((i) => i.name === KERAS_INPUT)!;
  const dim = keras.type.tensor_type.shape.dim;
  return {
    ...g,
    input: [{ name: NSFW.input.name, type: { tensor_type: { elem_type: 2, shape: { dim } } } }],
    initializer: [...g.initializer, floatTensor('pixels/255', [], Float32Array.of(255))],
    node: [
      { op_type: 'Cast', input: [NSFW.input.name], output: ['pixels/float'], name: 'pixels/cast', attribute: [{ name: 'to', type: ATTR.INT, i: 1 }] },
      { op_type: 'Div', input: ['pixels/float', 'pixels/255'], output: [KERAS_INPUT], name: 'pixels/div', attribute: [] },
      ...g.node,
    ],
  };
}

function convertNsfwjs(src: NsfwjsSource, precision: NsfwPrecision): Uint8Array {
  const producer = { name: 'clearance-keras-to-onnx', version: CONVERTER_VERSION };
  if (precision === 'float') return encodeModel(nsfwFloatGraph(src), producer, `nsfwjs ${NSFW.version} ${NSFW.modelDir}`);
  if (NSFW_RANGES.source !== src.sha256.slice(0, 12)) {
    throw new Error(`nsfwjs ${NSFW.modelDir} (${src.sha256.slice(0, 12)}) is not the model nsfw-int8-ranges.json was calibrated on (${NSFW_RANGES.source}); run test/bench/nsfw-calibrate.ts`);
  }
  const graph = quantiseInt8(nsfwFloatGraph(src, true), NSFW_RANGES.ranges, (layer) => NSFW_FLOAT_LAYERS.test(layer));
  return encodeModel(graph, producer, `nsfwjs ${NSFW.version} ${NSFW.modelDir}, int8 (${QUANTISER_VERSION})`);
}

export interface NsfwModelFile {
  /** Converted .onnx in the cache (or undefined when the cache could not be written). */
  path?: string;
  bytes: Uint8Array;
  /** Name for records' `models`: nsfwjs-mobilenet_v2@<package version>+<source sha256 prefix>[+int8.<quantiser version>]. */
  id: string;
  converted: boolean;
}

/** Returns the converted model (int8 unless asked for float), converting and caching it on first use. */
export async function loadNsfwModelFile(env: NodeJS.ProcessEnv = process.env, log?: (line: string) => void, precision: NsfwPrecision = 'int8'): Promise<NsfwModelFile> {
  const src = readNsfwjsSource();
  const int8 = precision === 'int8';
  const recipe = int8 ? `\0int8 ${QUANTISER_VERSION}\0${sha256Hex(JSON.stringify(NSFW_RANGES))}` : '';
  const key = sha256Hex(`${src.sha256}\0${CONVERTER_VERSION}${recipe}`).slice(0, 16);
  const id = `${NSFW.name}@${NSFW.version}+${src.sha256.slice(0, 12)}${int8 ? `+int8.${QUANTISER_VERSION}` : ''}`;
  const path = join(modelCacheDir(env), `${NSFW.name}-${NSFW.version}-${key}.onnx`);
  if (existsSync(path)) return { path, bytes: new Uint8Array(await readFile(path)), id, converted: false };
  const bytes = convertNsfwjs(src, precision);
  try {
    await writeFileAtomic(path, bytes);
    log?.(`safety: converted nsfwjs ${NSFW.modelDir} to ONNX at ${path}`);
    return { path, bytes, id, converted: true };
  } catch (err) {
    log?.(`safety: could not cache the converted model at ${path} (${(err as Error).message}); using it from memory`);
    return { bytes, id, converted: true };
  }
}

/** Packs N 224×224 RGB images into one NHWC uint8 tensor (the model divides by 255 itself: nsfwjs's normalisation). */
export function nsfwInput(rgbs: Uint8Array[]): Uint8Array {
  const per = NSFW_SIZE * NSFW_SIZE * 3;
  const out = new Uint8Array(per * rgbs.length);
  rgbs.forEach((rgb, i) => out.set(rgb.subarray(0, per), i * per));
  return out;
}

/** Runs a batch (NHWC uint8 pixels of `n` images) and returns each image's 5 class probabilities. */
export async function runNsfw(session: InferenceSession, input: Uint8Array, n: number, timer?: RunTimer): Promise<Float32Array[]> {
  const tensor = new ort.Tensor('uint8', input, [n, NSFW_SIZE, NSFW_SIZE, 3]);
  const out = await timedRun(session, { [NSFW.input.name]: tensor }, timer);
  const probs = out[session.outputNames[0]!]!.data as Float32Array;
  const k = NSFW.labels.length;
  return Array.from({ length: n }, (_, i) => probs.slice(i * k, (i + 1) * k));
}
