// Static int8 quantisation of a folded CNN graph (onnxruntime's QOperator ops): QLinearConv with per-channel 7-bit weights, QLinearAdd, float elsewhere.
import { floatTensor, floatsOf, int32Tensor, int8Tensor, uint8Tensor, type Graph, type Node, type Tensor } from './onnx-proto.js';

/** Calibrated value ranges, keyed by the name of the layer that writes the value (the part of its name before ':'). */
export type Ranges = Record<string, [number, number]>;

/** The key a value's range is stored under: `block_2_add:123` → `block_2_add`. */
export const rangeKey = (value: string): string => value.split(':')[0]!;

/** Weights use 7 bits (±63): with 8-bit activations, AVX2's u8×s8 pair sums then stay inside int16 (no saturation). */
const WEIGHT_MAX = 63;

interface QValue {
  name: string;
  scale: string;
  zp: string;
  s: number;
}

/** uint8 affine parameters covering [min, max] and 0. */
export function activationParams(min: number, max: number): { scale: number; zp: number } {
  const lo = Math.min(0, min);
  const hi = Math.max(0, max);
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  return { scale: Math.fround(scale), zp: Math.min(255, Math.max(0, Math.round(-lo / scale))) };
}

/**
 * Every Conv (with a Relu or Clip(0, 6) after it folded into its output range) becomes QLinearConv and every Add
 * QLinearAdd (com.microsoft); a value leaving the quantised region is dequantised under its float name, so the float
 * head (pooling, dense layers, softmax) is unchanged. Convolutions whose output layer `keepFloat` names stay float.
 * A value with no range is an error: calibrate again.
 */
export function quantiseInt8(source: Graph, ranges: Ranges, keepFloat: (layer: string) => boolean = () => false): Graph {
  const g: Graph = { ...source, node: [], initializer: [...source.initializer] };
  const inits = new Map<string, Tensor>(source.initializer.map((t) => [t.name, t]));
  const consumers = new Map<string, Node[]>();
  for (const n of source.node) for (const i of n.input) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  const outputs = new Set(source.output.map((o) => o.name));
  const q = new Map<string, QValue>();
  const floats = new Set<string>([...source.input.map((i) => i.name), ...source.initializer.map((t) => t.name)]);
  const fused = new Set<Node>();

  const scalar = (name: string, v: number) => (g.initializer.push(floatTensor(name, [], Float32Array.of(v))), name);
  const zero = (name: string, v: number) => (g.initializer.push(uint8Tensor(name, [], Uint8Array.of(v))), name);
  const qvalue = (float: string, min: number, max: number): QValue => {
    const p = activationParams(min, max);
    const v = { name: `${float}/q`, scale: scalar(`${float}/q_scale`, p.scale), zp: zero(`${float}/q_zp`, p.zp), s: p.scale };
    q.set(float, v);
    return v;
  };
  const rangeOf = (value: string): [number, number] => {
    const r = ranges[rangeKey(value)];
    if (!r) throw new Error(`quantise: no calibrated range for ${rangeKey(value)}`);
    return r;
  };
  const quantised = (value: string): QValue => {
    const have = q.get(value);
    if (have) return have;
    const [min, max] = rangeOf(value);
    const v = qvalue(value, min, max);
    g.node.push({ op_type: 'QuantizeLinear', input: [value, v.scale, v.zp], output: [v.name], name: `${value}/quantise`, attribute: [] });
    return v;
  };
  const asFloat = (value: string): string => {
    if (floats.has(value) || !q.has(value)) return value;
    const v = q.get(value)!;
    g.node.push({ op_type: 'DequantizeLinear', input: [v.name, v.scale, v.zp], output: [value], name: `${value}/dequantise`, attribute: [] });
    floats.add(value);
    return value;
  };

  for (const n of source.node) {
    if (fused.has(n)) continue;
    if (n.op_type === 'Conv' && !keepFloat(rangeKey(n.output[0]!))) {
      const x = quantised(n.input[0]!);
      const users = consumers.get(n.output[0]!) ?? [];
      const act = users.length === 1 && !outputs.has(n.output[0]!) && (users[0]!.op_type === 'Relu' || users[0]!.op_type === 'Clip') ? users[0]! : undefined;
      let out = n.output[0]!;
      let range = rangeOf(out);
      if (act) {
        const lo = act.op_type === 'Clip' ? floatsOf(inits.get(act.input[1]!)!)[0]! : 0;
        const hi = act.op_type === 'Clip' ? floatsOf(inits.get(act.input[2]!)!)[0]! : rangeOf(act.output[0]!)[1];
        if (lo !== 0) throw new Error(`quantise: ${act.name}: only Clip(0, max) folds into a range`);
        // Clip(0, 6) is exactly the uint8 range [0, 6]: saturation clips.
        range = [0, hi];
        out = act.output[0]!;
        fused.add(act);
      }
      const w = inits.get(n.input[1]!)!;
      const W = floatsOf(w);
      const channels = w.dims[0]!;
      const per = W.length / channels;
      const bias = n.input[2] ? floatsOf(inits.get(n.input[2])!) : new Float32Array(channels);
      const Wq = new Int8Array(W.length);
      const wScale = new Float32Array(channels);
      const Bq = new Int32Array(channels);
      for (let o = 0; o < channels; o++) {
        let amax = 0;
        for (let k = 0; k < per; k++) amax = Math.max(amax, Math.abs(W[o * per + k]!));
        const s = Math.fround(amax > 0 ? amax / WEIGHT_MAX : 1);
        wScale[o] = s;
        for (let k = 0; k < per; k++) Wq[o * per + k] = Math.max(-WEIGHT_MAX, Math.min(WEIGHT_MAX, Math.round(W[o * per + k]! / s)));
        Bq[o] = Math.round(bias[o]! / (x.s * s));
      }
      g.initializer.push(int8Tensor(`${n.name}/Wq`, w.dims, Wq), floatTensor(`${n.name}/Wq_scale`, [channels], wScale));
      g.initializer.push(int8Tensor(`${n.name}/Wq_zp`, [channels], new Int8Array(channels)), int32Tensor(`${n.name}/Bq`, [channels], Bq));
      const y = qvalue(out, range[0], range[1]);
      g.node.push({
        op_type: 'QLinearConv',
        input: [x.name, x.scale, x.zp, `${n.name}/Wq`, `${n.name}/Wq_scale`, `${n.name}/Wq_zp`, y.scale, y.zp, `${n.name}/Bq`],
        output: [y.name],
        name: `${n.name}/q`,
        attribute: n.attribute,
      });
      if (outputs.has(out)) asFloat(out);
      continue;
    }
    if (n.op_type === 'Add' && n.input.every((i) => q.has(i))) {
      const [a, b] = n.input.map((i) => q.get(i)!) as [QValue, QValue];
      const [min, max] = rangeOf(n.output[0]!);
      const y = qvalue(n.output[0]!, min, max);
      g.node.push({
        op_type: 'QLinearAdd',
        domain: 'com.microsoft',
        input: [a.name, a.scale, a.zp, b.name, b.scale, b.zp, y.scale, y.zp],
        output: [y.name],
        name: `${n.name}/q`,
        attribute: [],
      });
      if (outputs.has(n.output[0]!)) asFloat(n.output[0]!);
      continue;
    }
    g.node.push({ ...n, input: n.input.map((i) => (i === '' ? i : asFloat(i))) });
    for (const o of n.output) floats.add(o);
  }
  const used = new Set(g.node.flatMap((n) => n.input));
  g.initializer = g.initializer.filter((t) => used.has(t.name));
  return g;
}
