// Keras layers-model types (tfjs model.json) and the weight map the converter reads.

export interface KerasLayer {
  name: string;
  class_name: string;
  config: Record<string, unknown> & { name: string };
  /** [[ [layerName, nodeIndex, tensorIndex, kwargs], … ]] */
  inbound_nodes: Array<Array<[string, number, number, unknown]>>;
}

export interface KerasModelConfig {
  class_name: string;
  config: { name: string; layers: KerasLayer[]; input_layers: Array<[string, number, number]>; output_layers: Array<[string, number, number]> };
}

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { min?: number; scale?: number; dtype: string };
}

export interface LayersModelJson {
  modelTopology: { model_config?: KerasModelConfig } & Partial<KerasModelConfig>;
  weightsManifest: Array<{ paths: string[]; weights: WeightSpec[] }>;
}

export interface Weight {
  shape: number[];
  data: Float32Array;
}

/** Dequantises the concatenated weight bytes exactly as tfjs does: float32(q * scale + min). */
export function decodeWeights(specs: WeightSpec[], bytes: Uint8Array): Map<string, Weight> {
  const out = new Map<string, Weight>();
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const q = spec.quantization;
    const data = new Float32Array(size);
    if (spec.dtype !== 'float32') throw new Error(`weight ${spec.name}: dtype ${spec.dtype} not supported`);
    if (!q) {
      const raw = bytes.slice(offset, offset + size * 4);
      data.set(new Float32Array(raw.buffer, raw.byteOffset, size));
      offset += size * 4;
    } else if (q.dtype === 'uint8' || q.dtype === 'uint16') {
      if (q.scale === undefined || q.min === undefined) throw new Error(`weight ${spec.name}: quantisation without scale/min`);
      const width = q.dtype === 'uint8' ? 1 : 2;
      const raw = bytes.slice(offset, offset + size * width);
      const values = width === 1 ? raw : new Uint16Array(raw.buffer, raw.byteOffset, size);
      for (let i = 0; i < size; i++) data[i] = values[i]! * q.scale + q.min;
      offset += size * width;
    } else {
      throw new Error(`weight ${spec.name}: quantisation ${q.dtype} not supported`);
    }
    out.set(spec.name, { shape: spec.shape, data });
  }
  if (offset !== bytes.length) throw new Error(`weights: read ${offset} bytes of ${bytes.length}`);
  return out;
}
