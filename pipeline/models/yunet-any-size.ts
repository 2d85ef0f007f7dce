// YuNet at any input size: the registry's 640×640 file with its input and output shapes made symbolic (its reshapes already use -1).
import { decodeModel, encodeModelObject, type ValueInfo } from './onnx-proto.js';

const symbolic = (v: ValueInfo, dims: Record<number, string>): ValueInfo => ({
  ...v,
  type: { tensor_type: { ...v.type.tensor_type, shape: { dim: v.type.tensor_type.shape.dim.map((d, i) => (dims[i] ? { dim_param: dims[i] } : d)) } } },
});

/**
 * Rewrites yunet_s_640_640.onnx so it runs on H×W inputs (multiples of 32): input [1,3,height,width], outputs
 * [1,anchors,k], shape annotations of inner values dropped (onnxruntime infers them). Weights and nodes are untouched;
 * at 640×640 the rewritten model gives the original's outputs exactly (test/pipeline/models/yunet-any-size.test.ts).
 */
export function yunetAnySize(bytes: Uint8Array): Uint8Array {
  const model = decodeModel(bytes);
  const g = model.graph;
  const input = g.input.find((i) => i.name === 'input');
  if (input?.type.tensor_type.shape.dim.length !== 4) throw new Error('YuNet: expected one NCHW input named "input"');
  // Every Reshape must take its shape from a constant with a -1 (no size baked in), else other sizes cannot run.
  const inits = new Map(g.initializer.map((t) => [t.name, t]));
  for (const n of g.node.filter((x) => x.op_type === 'Reshape')) {
    const t = inits.get(n.input[1]!);
    const raw = t?.raw_data;
    const dims = raw ? Array.from(new BigInt64Array(new Uint8Array(raw).buffer)) : [];
    if (!dims.includes(-1n)) throw new Error(`YuNet: reshape ${n.name || n.output[0]} has a fixed shape; this file cannot run at other sizes`);
  }
  g.input = g.input.map((v) => (v.name === 'input' ? symbolic(v, { 2: 'height', 3: 'width' }) : v));
  g.output = g.output.map((v) => symbolic(v, { 1: `${v.name}_anchors` }));
  g.value_info = [];
  return encodeModelObject(model);
}
