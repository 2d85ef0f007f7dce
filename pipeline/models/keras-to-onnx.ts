// Converts a Keras layers model (tfjs model.json + dequantised weights) into an ONNX graph (NHWC input, NCHW inside).
import type { KerasLayer, KerasModelConfig, Weight } from './keras-layers.js';
import { ATTR, floatTensor, int64Tensor, valueInfo, type Attribute, type Graph, type Node } from './onnx-proto.js';

/** Bump when the converter's output changes; part of the converted file's cache key. */
export const CONVERTER_VERSION = '2';

type Layout = 'nchw' | 'flat';
interface Value {
  name: string;
  layout: Layout;
}

const ints = (name: string, v: number[]): Attribute => ({ name, type: ATTR.INTS, ints: v });
const int = (name: string, v: number): Attribute => ({ name, type: ATTR.INT, i: v });
const float = (name: string, v: number): Attribute => ({ name, type: ATTR.FLOAT, f: v });
const str = (name: string, v: string): Attribute => ({ name, type: ATTR.STRING, s: new TextEncoder().encode(v) });

/** Keras kernel [kh, kw, in, out] → ONNX [out, in, kh, kw]. */
function convKernel(w: Weight): Float32Array {
  const [kh, kw, cin, cout] = w.shape as [number, number, number, number];
  const out = new Float32Array(w.data.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin; c++)
        for (let o = 0; o < cout; o++) out[((o * cin + c) * kh + i) * kw + j] = w.data[((i * kw + j) * cin + c) * cout + o]!;
  return out;
}

/** Keras depthwise kernel [kh, kw, in, mult] → ONNX [in*mult, 1, kh, kw] (group = in). */
function depthwiseKernel(w: Weight): Float32Array {
  const [kh, kw, cin, mult] = w.shape as [number, number, number, number];
  const out = new Float32Array(w.data.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin; c++)
        for (let m = 0; m < mult; m++) out[((c * mult + m) * kh + i) * kw + j] = w.data[((i * kw + j) * cin + c) * mult + m]!;
  return out;
}

export function kerasToOnnx(model: KerasModelConfig, weights: Map<string, Weight>, inputName = 'input'): Graph {
  const graph: Graph = { name: model.config.name, node: [], initializer: [], input: [], output: [] };
  const values = new Map<string, Value>();
  let seq = 0;
  const fresh = (base: string) => `${base}:${seq++}`;
  const node = (op: string, inputs: string[], name: string, attribute: Attribute[] = []): string => {
    const output = fresh(name);
    graph.node.push({ op_type: op, input: inputs, output: [output], name: output, attribute } satisfies Node);
    return output;
  };
  const weight = (layer: string, key: string): Weight => {
    const w = weights.get(`${layer}/${key}`);
    if (!w) throw new Error(`converter: weight ${layer}/${key} missing`);
    return w;
  };
  const init = (name: string, dims: number[], data: Float32Array): string => {
    graph.initializer.push(floatTensor(name, dims, data));
    return name;
  };
  const constant = (name: string, v: number): string => init(name, [], Float32Array.of(v));
  const activation = (x: string, act: unknown, name: string): string => {
    if (act === undefined || act === null || act === 'linear') return x;
    if (act === 'relu') return node('Relu', [x], `${name}_relu`);
    if (act === 'relu6') return node('Clip', [x, constant(`${name}/min`, 0), constant(`${name}/max`, 6)], `${name}_relu6`);
    if (act === 'softmax') return node('Softmax', [x], `${name}_softmax`, [int('axis', -1)]);
    if (act === 'sigmoid') return node('Sigmoid', [x], `${name}_sigmoid`);
    throw new Error(`converter: activation ${String(act)} not supported`);
  };
  const inputsOf = (layer: KerasLayer): Value[] =>
    (layer.inbound_nodes[0] ?? []).map(([src]) => {
      const v = values.get(src);
      if (!v) throw new Error(`converter: ${layer.name} reads ${src} before it is defined`);
      return v;
    });

  for (const layer of model.config.layers) {
    const c = layer.config;
    const n = layer.name;
    const ins = inputsOf(layer);
    const x = ins[0];
    let out: Value;
    switch (layer.class_name) {
      case 'InputLayer': {
        const shape = c.batch_input_shape as Array<number | null>;
        graph.input.push(valueInfo(inputName, shape.map((d) => (d === null ? 'N' : d))));
        out = { name: node('Transpose', [inputName], `${n}_nchw`, [ints('perm', [0, 3, 1, 2])]), layout: 'nchw' };
        break;
      }
      case 'ZeroPadding2D': {
        const [[t, b], [l, r]] = c.padding as [[number, number], [number, number]];
        graph.initializer.push(int64Tensor(`${n}/pads`, [0, 0, t, l, 0, 0, b, r]));
        out = { name: node('Pad', [x!.name, `${n}/pads`], n), layout: 'nchw' };
        break;
      }
      case 'Conv2D':
      case 'DepthwiseConv2D': {
        const depthwise = layer.class_name === 'DepthwiseConv2D';
        const k = weight(n, depthwise ? 'depthwise_kernel' : 'kernel');
        const [kh, kw, cin, cout] = k.shape as [number, number, number, number];
        const dims = depthwise ? [cin * cout, 1, kh, kw] : [cout, cin, kh, kw];
        const inputs = [x!.name, init(`${n}/W`, dims, depthwise ? depthwiseKernel(k) : convKernel(k))];
        if (c.use_bias) inputs.push(init(`${n}/B`, [dims[0]!], weight(n, 'bias').data));
        const strides = c.strides as number[];
        const dil = (c.dilation_rate as number[] | undefined) ?? [1, 1];
        const attrs = [ints('kernel_shape', [kh, kw]), ints('strides', strides), ints('dilations', dil), int('group', depthwise ? cin : 1)];
        attrs.push(c.padding === 'same' ? str('auto_pad', 'SAME_UPPER') : str('auto_pad', 'VALID'));
        out = { name: activation(node('Conv', inputs, n, attrs), c.activation, n), layout: 'nchw' };
        break;
      }
      case 'BatchNormalization': {
        const ch = weight(n, 'moving_mean').shape[0]!;
        const gamma = c.scale === false ? new Float32Array(ch).fill(1) : weight(n, 'gamma').data;
        const beta = c.center === false ? new Float32Array(ch) : weight(n, 'beta').data;
        if (c.axis !== -1 && c.axis !== 3) throw new Error(`converter: ${n}: BatchNormalization axis ${String(c.axis)} not supported`);
        const inputs = [x!.name, init(`${n}/scale`, [ch], gamma), init(`${n}/B`, [ch], beta), init(`${n}/mean`, [ch], weight(n, 'moving_mean').data), init(`${n}/var`, [ch], weight(n, 'moving_variance').data)];
        out = { name: node('BatchNormalization', inputs, n, [float('epsilon', c.epsilon as number)]), layout: x!.layout };
        break;
      }
      case 'ReLU': {
        if ((c.negative_slope ?? 0) !== 0 || (c.threshold ?? 0) !== 0) throw new Error(`converter: ${n}: leaky/thresholded ReLU not supported`);
        const max = c.max_value as number | null | undefined;
        const name = max == null ? node('Relu', [x!.name], n) : node('Clip', [x!.name, constant(`${n}/min`, 0), constant(`${n}/max`, max)], n);
        out = { name, layout: x!.layout };
        break;
      }
      case 'Activation':
        out = { name: activation(x!.name, c.activation, n), layout: x!.layout };
        break;
      case 'Add': {
        let acc = ins[0]!.name;
        for (const other of ins.slice(1)) acc = node('Add', [acc, other.name], n);
        out = { name: acc, layout: x!.layout };
        break;
      }
      case 'AveragePooling2D':
      case 'MaxPooling2D': {
        const attrs = [ints('kernel_shape', c.pool_size as number[]), ints('strides', (c.strides as number[] | null) ?? (c.pool_size as number[]))];
        attrs.push(c.padding === 'same' ? str('auto_pad', 'SAME_UPPER') : str('auto_pad', 'VALID'));
        if (layer.class_name === 'AveragePooling2D' && c.padding === 'same') attrs.push(int('count_include_pad', 0));
        out = { name: node(layer.class_name === 'AveragePooling2D' ? 'AveragePool' : 'MaxPool', [x!.name], n, attrs), layout: 'nchw' };
        break;
      }
      case 'GlobalAveragePooling2D': {
        const pooled = node('GlobalAveragePool', [x!.name], n);
        out = { name: node('Flatten', [pooled], `${n}_flat`, [int('axis', 1)]), layout: 'flat' };
        break;
      }
      case 'Flatten': {
        // Keras flattens channels-last: go back to NHWC first so the element order matches.
        const nhwc = x!.layout === 'nchw' ? node('Transpose', [x!.name], `${n}_nhwc`, [ints('perm', [0, 2, 3, 1])]) : x!.name;
        out = { name: node('Flatten', [nhwc], n, [int('axis', 1)]), layout: 'flat' };
        break;
      }
      case 'Dense': {
        if (x!.layout !== 'flat') throw new Error(`converter: ${n}: Dense on a 4-D tensor not supported`);
        const k = weight(n, 'kernel');
        const inputs = [x!.name, init(`${n}/W`, k.shape, k.data)];
        if (c.use_bias) inputs.push(init(`${n}/B`, [k.shape[1]!], weight(n, 'bias').data));
        out = { name: activation(node('Gemm', inputs, n), c.activation, n), layout: 'flat' };
        break;
      }
      case 'Dropout':
        out = x!; // inference: identity
        break;
      default:
        throw new Error(`converter: layer ${n} of class ${layer.class_name} not supported`);
    }
    values.set(n, out);
  }

  model.config.output_layers.forEach(([layerName], i) => {
    const v = values.get(layerName)!;
    const name = i === 0 ? 'output' : `output_${i}`;
    graph.node.push({ op_type: 'Identity', input: [v.name], output: [name], name, attribute: [] });
    graph.output.push(valueInfo(name, v.layout === 'flat' ? ['N', -1] : ['N', -1, -1, -1]));
  });
  return graph;
}
