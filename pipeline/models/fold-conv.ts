// Folds inference-time BatchNormalization and zero Pad into the convolution next to them: the same outputs with fewer ops (int8 quantisation needs it).
import { floatTensor, floatsOf, type Attribute, type Graph, type Node, type Tensor } from './onnx-proto.js';

function consumersOf(g: Graph): Map<string, Node[]> {
  const m = new Map<string, Node[]>();
  for (const n of g.node) for (const i of n.input) m.set(i, [...(m.get(i) ?? []), n]);
  for (const o of g.output) m.set(o.name, [...(m.get(o.name) ?? []), { op_type: 'GraphOutput' } as Node]);
  return m;
}

const attr = (n: Node, name: string): Attribute | undefined => n.attribute.find((a) => a.name === name);

/** Returns a new graph: Conv → BatchNormalization becomes one Conv (scaled weights, bias), Pad → Conv ('VALID') one Conv with pads. */
export function foldConvs(source: Graph): Graph {
  const g: Graph = { ...source, node: source.node.map((n) => ({ ...n, input: [...n.input], output: [...n.output], attribute: [...n.attribute] })), initializer: [...source.initializer] };
  const inits = new Map<string, Tensor>(g.initializer.map((t) => [t.name, t]));
  const producer = new Map<string, Node>();
  for (const n of g.node) for (const o of n.output) producer.set(o, n);
  const drop = new Set<Node>();
  let consumers = consumersOf(g);

  for (const bn of g.node.filter((n) => n.op_type === 'BatchNormalization')) {
    const conv = producer.get(bn.input[0]!);
    if (conv?.op_type !== 'Conv' || consumers.get(conv.output[0]!)?.length !== 1) continue;
    const w = inits.get(conv.input[1]!)!;
    const W = floatsOf(w);
    const [gamma, beta, mean, variance] = bn.input.slice(1).map((name) => floatsOf(inits.get(name)!)) as [Float32Array, Float32Array, Float32Array, Float32Array];
    const eps = attr(bn, 'epsilon')?.f ?? 1e-5;
    const out = w.dims[0]!;
    const per = W.length / out;
    const bias = conv.input[2] ? floatsOf(inits.get(conv.input[2])!) : new Float32Array(out);
    const W2 = new Float32Array(W.length);
    const B2 = new Float32Array(out);
    for (let o = 0; o < out; o++) {
      const f = gamma[o]! / Math.sqrt(variance[o]! + eps);
      for (let k = 0; k < per; k++) W2[o * per + k] = W[o * per + k]! * f;
      B2[o] = (bias[o]! - mean[o]!) * f + beta[o]!;
    }
    const wName = `${conv.name}/W_folded`;
    const bName = `${conv.name}/B_folded`;
    g.initializer.push(floatTensor(wName, w.dims, W2), floatTensor(bName, [out], B2));
    inits.set(wName, g.initializer.at(-2)!);
    inits.set(bName, g.initializer.at(-1)!);
    conv.input = [conv.input[0]!, wName, bName];
    conv.output = [bn.output[0]!];
    producer.set(bn.output[0]!, conv);
    drop.add(bn);
  }
  g.node = g.node.filter((n) => !drop.has(n));
  consumers = consumersOf(g);

  for (const pad of g.node.filter((n) => n.op_type === 'Pad')) {
    const users = consumers.get(pad.output[0]!) ?? [];
    const conv = users[0];
    const autoPad = conv && attr(conv, 'auto_pad');
    const valid = autoPad?.s ? new TextDecoder().decode(autoPad.s) === 'VALID' : false;
    const mode = attr(pad, 'mode');
    if (users.length !== 1 || conv?.op_type !== 'Conv' || !valid || pad.input.length !== 2 || (mode?.s && new TextDecoder().decode(mode.s) !== 'constant')) continue;
    const raw = new Uint8Array(inits.get(pad.input[1]!)!.raw_data);
    const p = Array.from(new BigInt64Array(raw.buffer, 0, raw.byteLength / 8), Number);
    if (p.length !== 8 || p[0] || p[1] || p[4] || p[5]) continue;
    conv.attribute = conv.attribute.filter((a) => a.name !== 'auto_pad');
    conv.attribute.push({ name: 'pads', type: 7, ints: [p[2]!, p[3]!, p[6]!, p[7]!] });
    conv.input[0] = pad.input[0]!;
    drop.add(pad);
  }
  g.node = g.node.filter((n) => !drop.has(n));
  const used = new Set(g.node.flatMap((n) => n.input));
  g.initializer = g.initializer.filter((t) => used.has(t.name));
  return g;
}
