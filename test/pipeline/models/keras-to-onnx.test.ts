// The Keras→ONNX converter on a small random tfjs model using every supported layer, compared with tfjs itself.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWeights, type KerasModelConfig, type WeightSpec } from '../../../pipeline/models/keras-layers.js';
import { kerasToOnnx } from '../../../pipeline/models/keras-to-onnx.js';
import { encodeModel } from '../../../pipeline/models/onnx-proto.js';
import { openSession, ort } from '../../../pipeline/models/session.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function build(): tf.LayersModel {
  const input = tf.input({ shape: [17, 13, 3] });
  const padded = tf.layers.zeroPadding2d({ padding: [[0, 1], [1, 0]] }).apply(input) as tf.SymbolicTensor;
  const c1 = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true }).apply(padded) as tf.SymbolicTensor;
  const bn = tf.layers.batchNormalization({ epsilon: 0.001 }).apply(c1) as tf.SymbolicTensor;
  const r6 = tf.layers.reLU({ maxValue: 6 }).apply(bn) as tf.SymbolicTensor;
  const dw = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', useBias: true }).apply(r6) as tf.SymbolicTensor;
  const pw = tf.layers.conv2d({ filters: 8, kernelSize: 1, useBias: false }).apply(dw) as tf.SymbolicTensor;
  const sum = tf.layers.add().apply([pw, r6]) as tf.SymbolicTensor;
  const valid = tf.layers.conv2d({ filters: 6, kernelSize: 2, strides: 2, padding: 'valid', activation: 'relu6' as 'relu' }).apply(sum) as tf.SymbolicTensor;
  const pooled = tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid' }).apply(valid) as tf.SymbolicTensor;
  const flat = tf.layers.flatten().apply(pooled) as tf.SymbolicTensor;
  const gap = tf.layers.globalAveragePooling2d({}).apply(sum) as tf.SymbolicTensor;
  const d1 = tf.layers.dense({ units: 7, activation: 'relu' }).apply(flat) as tf.SymbolicTensor;
  const drop = tf.layers.dropout({ rate: 0.5 }).apply(d1) as tf.SymbolicTensor;
  const d2 = tf.layers.dense({ units: 4 }).apply(gap) as tf.SymbolicTensor;
  const joined = tf.layers.add().apply([tf.layers.dense({ units: 4 }).apply(drop) as tf.SymbolicTensor, d2]) as tf.SymbolicTensor;
  const out = tf.layers.activation({ activation: 'softmax' }).apply(joined) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out });
  // Random weights everywhere (positive variances), so a swapped axis or a dropped term shows.
  for (const layer of model.layers) {
    layer.setWeights(layer.getWeights().map((w, i) => (layer.getClassName() === 'BatchNormalization' && i === 3 ? tf.randomUniform(w.shape, 0.5, 1.5, 'float32', i) : tf.randomNormal(w.shape, 0, 0.5, 'float32', i + 7))));
  }
  return model;
}

async function artifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  return saved!;
}

describe('kerasToOnnx', () => {
  it('matches tfjs on a model with every supported layer', async () => {
    const model = build();
    const a = await artifacts(model);
    const weightData = new Uint8Array(a.weightData as ArrayBuffer);
    const weights = decodeWeights(a.weightSpecs as WeightSpec[], weightData);
    const graph = kerasToOnnx(a.modelTopology as unknown as KerasModelConfig, weights, 'x');
    const session = await openSession(encodeModel(graph, { name: 'test', version: '0' }));
    const input = tf.randomUniform([3, 17, 13, 3], 0, 1, 'float32', 42);
    const ref = (await (model.predict(input) as tf.Tensor).data()) as Float32Array;
    const out = await session.run({ x: new ort.Tensor('float32', (await input.data()) as Float32Array, [3, 17, 13, 3]) });
    const ours = out.output!.data as Float32Array;
    expect(ours.length).toBe(ref.length);
    let worst = 0;
    ours.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ref[i]!))));
    expect(worst).toBeLessThan(1e-5);
  });

  it('refuses a layer it does not know, naming it', () => {
    const topology: KerasModelConfig = {
      class_name: 'Model',
      config: {
        name: 'm',
        layers: [
          { name: 'in', class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4, 4, 1] }, inbound_nodes: [] },
          { name: 'lstm', class_name: 'LSTM', config: { name: 'lstm' }, inbound_nodes: [[['in', 0, 0, {}]]] },
        ],
        input_layers: [['in', 0, 0]],
        output_layers: [['lstm', 0, 0]],
      },
    };
    expect(() => kerasToOnnx(topology, new Map())).toThrow(/lstm of class LSTM not supported/);
  });
});
